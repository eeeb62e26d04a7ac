#!/usr/bin/env bash
# Builds the release packages into dist/ from one `sysmedic` binary: a tarball (with install.sh), a .deb and an .rpm.
#
#   packaging/build.sh                      Native AOT publish (the release path; needs clang, zlib1g-dev, libsqlite3-dev)
#   packaging/build.sh --no-aot             framework-dependent single-file publish (needs the .NET 10 runtime to run)
#   packaging/build.sh --binary FILE        package a binary built elsewhere (e.g. an AOT publish for linux-arm64)
#
# Other options: --rid linux-x64|linux-arm64 (default linux-x64), --out DIR (default dist/), --no-deb, --no-rpm,
# --release N (package revision, default 1), --maintainer "Name <mail>". The version is Directory.Build.props's.
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/.." && pwd)

rid=linux-x64
mode=aot
binary=""
out="$repo/dist"
want_deb=1
want_rpm=1
release=1
maintainer="${SYSMEDIC_MAINTAINER:-SysMedic maintainers <sysmedic@example.org>}"

usage() { sed -n '2,10s/^# \{0,1\}//p' "$0"; }
die() { echo "build.sh: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --rid) rid=${2:?--rid needs a value}; shift 2 ;;
    --no-aot) mode=fdd; shift ;;
    --binary) mode=prebuilt; binary=${2:?--binary needs a file}; shift 2 ;;
    --out) out=${2:?--out needs a directory}; shift 2 ;;
    --no-deb) want_deb=0; shift ;;
    --no-rpm) want_rpm=0; shift ;;
    --release) release=${2:?--release needs a number}; shift 2 ;;
    --maintainer) maintainer=${2:?--maintainer needs a value}; shift 2 ;;
    -h | --help) usage; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
done

case "$rid" in
  linux-x64) deb_arch=amd64; rpm_arch=x86_64 ;;
  linux-arm64) deb_arch=arm64; rpm_arch=aarch64 ;;
  *) die "unsupported --rid $rid (linux-x64 or linux-arm64)" ;;
esac

version=$(sed -n 's:.*<Version>\([^<]*\)</Version>.*:\1:p' "$repo/Directory.Build.props" | head -n 1)
[ -n "$version" ] || die "no <Version> in Directory.Build.props"

work=$(mktemp -d "${TMPDIR:-/tmp}/sysmedic-build.XXXXXX")
trap 'rm -rf "$work"' EXIT

# Installs Debian packages that are missing (as root), or names them and stops.
need_packages() {
  local missing=() p
  for p in "$@"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  [ "${#missing[@]}" -eq 0 ] && return 0
  if [ "$(id -u)" -ne 0 ] || ! command -v apt-get >/dev/null 2>&1; then
    die "missing build packages: ${missing[*]} (apt-get install ${missing[*]})"
  fi
  echo "== installing ${missing[*]}" >&2
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null </dev/null
}

publish() {
  local dir="$work/publish"
  case "$mode" in
    aot)
      if command -v dpkg-query >/dev/null 2>&1; then
        if [ "$rid" = linux-x64 ]; then
          need_packages clang zlib1g-dev libsqlite3-dev
        else
          # Cross-linking also needs the target's libraries: dpkg --add-architecture arm64 first.
          need_packages clang llvm binutils-aarch64-linux-gnu gcc-aarch64-linux-gnu "zlib1g-dev:$deb_arch" "libsqlite3-dev:$deb_arch"
        fi
      fi
      echo "== dotnet publish (Native AOT, $rid)" >&2
      dotnet publish "$repo/SysMedic.Tui" -c Release -r "$rid" -o "$dir" --tl:off -v q -nologo >&2
      ;;
    fdd)
      echo "== dotnet publish (framework-dependent single file, $rid)" >&2
      dotnet publish "$repo/SysMedic.Tui" -c Release -r "$rid" -o "$dir" --tl:off -v q -nologo \
        -p:PublishAot=false -p:PublishSingleFile=true --self-contained false \
        -p:IncludeNativeLibrariesForSelfExtract=true >&2
      ;;
    prebuilt)
      [ -f "$binary" ] || die "no such binary: $binary"
      mkdir -p "$dir"
      cp "$binary" "$dir/sysmedic"
      ;;
  esac
  [ -f "$dir/sysmedic" ] || die "the publish made no sysmedic in $dir"
  if [ "$mode" = aot ]; then
    local others
    others=$(find "$dir" -mindepth 1 ! -name sysmedic -printf '%P ')
    [ -z "$others" ] || die "the AOT publish should make one file; it also made: $others"
  fi
  echo "$dir/sysmedic"
}

bin=$(publish | tail -n 1)
chmod 0755 "$bin"

# The lowest glibc the binary accepts: the highest GLIBC_x.y symbol version it references.
glibc=$(readelf --dyn-syms -W "$bin" 2>/dev/null | grep -o 'GLIBC_2\.[0-9.]*' | sed 's/GLIBC_//' | sort -uV | tail -n 1 || true)
runtime_dep=""
[ "$mode" = fdd ] && runtime_dep="dotnet-runtime-10.0"

mkdir -p "$out"

# --- the installed tree, shared by the .deb and the .rpm -----------------------------------------------------------
stage="$work/stage"
install -d -m 0755 "$stage/usr/bin" "$stage/etc/sysmedic" "$stage/usr/lib/systemd/system" "$stage/usr/lib/tmpfiles.d" \
  "$stage/usr/share/doc/sysmedic/examples/themes" "$stage/usr/share/man/man1"
install -m 0755 "$bin" "$stage/usr/bin/sysmedic"
# Both distributions keep manual pages gzip-compressed; -n leaves out name and time, so the file is reproducible.
gzip -9n <"$here/man/sysmedic.1" >"$stage/usr/share/man/man1/sysmedic.1.gz"
chmod 0644 "$stage/usr/share/man/man1/sysmedic.1.gz"
install -m 0644 "$repo/assets/config.yaml" "$stage/etc/sysmedic/config.yaml"
for unit in "$here"/systemd/*.service; do
  install -m 0644 "$unit" "$stage/usr/lib/systemd/system/"
done
install -m 0644 "$here/tmpfiles.d/sysmedic.conf" "$stage/usr/lib/tmpfiles.d/sysmedic.conf"
install -m 0644 "$repo/README.md" "$stage/usr/share/doc/sysmedic/README.md"
for doc in "$repo"/docs/*.md; do
  install -m 0644 "$doc" "$stage/usr/share/doc/sysmedic/"
done
for theme in "$repo"/assets/themes/*.theme; do
  install -m 0644 "$theme" "$stage/usr/share/doc/sysmedic/examples/themes/"
done

units=$(cd "$stage/usr/lib/systemd/system" && echo *.service)

# --- tarball -------------------------------------------------------------------------------------------------------
tar_name="sysmedic-$version-$rid"
tdir="$work/tar/$tar_name"
install -d -m 0755 "$tdir/systemd" "$tdir/tmpfiles.d" "$tdir/themes" "$tdir/man"
install -m 0755 "$bin" "$tdir/sysmedic"
install -m 0755 "$here/install.sh" "$tdir/install.sh"
install -m 0644 "$repo/assets/config.yaml" "$tdir/config.yaml"
install -m 0644 "$repo/README.md" "$tdir/README.md"
install -m 0644 "$here/README.md" "$tdir/PACKAGING.md"
install -m 0644 "$stage"/usr/lib/systemd/system/*.service "$tdir/systemd/"
install -m 0644 "$here/tmpfiles.d/sysmedic.conf" "$tdir/tmpfiles.d/"
install -m 0644 "$repo"/assets/themes/*.theme "$tdir/themes/"
install -m 0644 "$here/man/sysmedic.1" "$tdir/man/sysmedic.1"
tar -C "$work/tar" --owner=0 --group=0 --numeric-owner --sort=name -czf "$out/$tar_name.tar.gz" "$tar_name"
echo "$out/$tar_name.tar.gz"

# --- .deb ----------------------------------------------------------------------------------------------------------
if [ "$want_deb" -eq 1 ]; then
  command -v dpkg-deb >/dev/null 2>&1 || die "dpkg-deb is missing (apt-get install dpkg-dev), or use --no-deb"
  deb="$work/deb"
  cp -a "$stage" "$deb"
  install -d -m 0755 "$deb/DEBIAN"
  # Debian wants a copyright file and a compressed changelog beside the documentation.
  sed "s|@YEAR@|$(date -u +%Y -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")|" "$here/deb/copyright" >"$deb/usr/share/doc/sysmedic/copyright"
  chmod 0644 "$deb/usr/share/doc/sysmedic/copyright"
  {
    echo "sysmedic ($version-$release) unstable; urgency=medium"
    echo
    echo "  * Release $version."
    echo
    echo " -- $maintainer  $(date -u -R -d "@${SOURCE_DATE_EPOCH:-$(date +%s)}")"
  } | gzip -9n >"$deb/usr/share/doc/sysmedic/changelog.Debian.gz"
  chmod 0644 "$deb/usr/share/doc/sysmedic/changelog.Debian.gz"

  depends="adduser"
  [ -n "$glibc" ] && depends="libc6 (>= $glibc), $depends"
  [ -n "$runtime_dep" ] && depends="$depends, $runtime_dep"
  size=$(du -sk --exclude=DEBIAN "$deb" | cut -f1)
  sed -e "s|@VERSION@|$version-$release|" -e "s|@ARCH@|$deb_arch|" -e "s|@DEPENDS@|$depends|" \
    -e "s|@SIZE@|$size|" -e "s|@MAINTAINER@|$maintainer|" "$here/deb/control.in" >"$deb/DEBIAN/control"
  echo "/etc/sysmedic/config.yaml" >"$deb/DEBIAN/conffiles"
  for script in postinst prerm postrm; do
    sed "s|@UNITS@|$units|" "$here/deb/$script" >"$deb/DEBIAN/$script"
    chmod 0755 "$deb/DEBIAN/$script"
  done
  chmod 0644 "$deb/DEBIAN/control" "$deb/DEBIAN/conffiles"
  (cd "$deb" && find . -path ./DEBIAN -prune -o -type f -printf '%P\0' | sort -z | xargs -0 md5sum) >"$deb/DEBIAN/md5sums"
  chmod 0644 "$deb/DEBIAN/md5sums"
  deb_file="$out/sysmedic_${version}-${release}_${deb_arch}.deb"
  dpkg-deb --root-owner-group -Zxz --build "$deb" "$deb_file" >/dev/null
  echo "$deb_file"
fi

# --- .rpm ----------------------------------------------------------------------------------------------------------
if [ "$want_rpm" -eq 1 ]; then
  if ! command -v rpmbuild >/dev/null 2>&1; then
    echo "build.sh: rpmbuild is missing (apt-get install rpm), so no .rpm" >&2
  else
    top="$work/rpm"
    mkdir -p "$top/SPECS" "$top/RPMS" "$top/BUILD"
    sed -e "s|@VERSION@|$version|" -e "s|@RELEASE@|$release|" -e "s|@UNITS@|$units|" \
      -e "s|@MAINTAINER@|$maintainer|" -e "s|@REQUIRES@|${runtime_dep:+Requires: $runtime_dep}|" \
      "$here/rpm/sysmedic.spec.in" >"$top/SPECS/sysmedic.spec"
    rpmbuild -bb --quiet --target "$rpm_arch" --define "_topdir $top" --define "stage $stage" \
      --define "_build_id_links none" "$top/SPECS/sysmedic.spec" >&2
    rpm_file=$(find "$top/RPMS" -name '*.rpm' | head -n 1)
    cp "$rpm_file" "$out/"
    echo "$out/$(basename "$rpm_file")"
  fi
fi

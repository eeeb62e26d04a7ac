#!/usr/bin/env bash
# Installs SysMedic from the release tarball this script came in (run it from the unpacked directory or anywhere).
#
#   sudo ./install.sh                      binary in /usr/local/bin, units in /etc/systemd/system; enables nothing
#   sudo ./install.sh --enable             ... and enables and starts the doctor (sysmedic.doctor.service)
#   sudo ./install.sh --enable-relay       ... and the WebSocket relay too (it listens on the network)
#   ./install.sh --destdir /tmp/root       install under another root (packaging, tests); runs no systemctl
#
# Options: --prefix DIR (default /usr/local; the binary goes to DIR/bin, the units' ExecStart follow it, the manual
# page goes to DIR/share/man/man1), --destdir DIR (or DESTDIR=DIR). The configuration is always
# /etc/sysmedic/config.yaml, history /var/lib/sysmedic, logs /var/log/sysmedic, the socket /run/sysmedic. An existing
# configuration and database are kept; running it again upgrades in place (running units are restarted; the doctor
# migrates the database on start).
set -euo pipefail

src=$(cd "$(dirname "$0")" && pwd)
prefix=/usr/local
destdir=${DESTDIR:-}
enable=0
enable_relay=0

die() { echo "install.sh: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
  case "$1" in
    --prefix) prefix=${2:?--prefix needs a directory}; shift 2 ;;
    --destdir) destdir=${2:?--destdir needs a directory}; shift 2 ;;
    --enable) enable=1; shift ;;
    --enable-relay) enable=1; enable_relay=1; shift ;;
    -h | --help) sed -n '2,13s/^# \{0,1\}//p' "$0"; exit 0 ;;
    *) die "unknown option $1 (try --help)" ;;
  esac
done

case "$prefix" in /*) ;; *) die "--prefix must be absolute: $prefix" ;; esac
for f in sysmedic config.yaml tmpfiles.d/sysmedic.conf; do
  [ -f "$src/$f" ] || die "$src/$f is missing: run install.sh from the unpacked release tarball"
done

root=$(id -u)
if [ -z "$destdir" ] && [ "$root" -ne 0 ]; then
  die "run as root, or give --destdir DIR to install under another root"
fi
if [ -n "$destdir" ] && [ "$enable" -eq 1 ]; then
  die "--enable starts services on this machine, so it does not go with --destdir"
fi
destdir=${destdir%/}

# Root-owned files when root installs; otherwise (a --destdir as a normal user) the caller's.
owner=()
[ "$root" -eq 0 ] && owner=(-o root -g root)

dir() { install -d -m "$1" "${owner[@]}" "$destdir$2"; }
file() { install -m "$1" "${owner[@]}" "$2" "$destdir$3"; }

# --- the group whose members may use the console against the local doctor, and the relay's own user ----------------
if [ -z "$destdir" ]; then
  if ! getent group sysmedic >/dev/null; then
    groupadd --system sysmedic
    echo "created the system group sysmedic: add console users with: usermod -aG sysmedic USER"
  fi
  # The WebSocket relay runs as its own user, whose group may read the configuration (its secret included).
  getent group sysmedic-relay >/dev/null || groupadd --system sysmedic-relay
  if ! getent passwd sysmedic-relay >/dev/null; then
    useradd --system --gid sysmedic-relay --home-dir /nonexistent --no-create-home --shell /usr/sbin/nologin \
      --comment "SysMedic WebSocket relay" sysmedic-relay
  fi
else
  echo "(--destdir: not creating the sysmedic group and the sysmedic-relay user; the target system needs: groupadd --system sysmedic;"
  echo " groupadd --system sysmedic-relay; useradd --system --gid sysmedic-relay --home-dir /nonexistent --no-create-home"
  echo " --shell /usr/sbin/nologin sysmedic-relay; chgrp sysmedic-relay /etc/sysmedic/config.yaml; chmod 0640 /etc/sysmedic/config.yaml)"
fi

# --- directories ---------------------------------------------------------------------------------------------------
dir 0755 "$prefix/bin"
dir 0755 "$prefix/share/doc/sysmedic"
dir 0755 "$prefix/share/doc/sysmedic/examples/themes"
dir 0755 "$prefix/share/man/man1"
dir 0755 /etc/sysmedic
dir 0755 /etc/systemd/system
dir 0755 /etc/tmpfiles.d
# History and logs are root's alone: the doctor runs as root, group members go through the socket. install -d also
# sets the mode of a directory that exists, so one an earlier run by hand made 0755 (umask 022) is closed too.
dir 0750 /var/lib/sysmedic
dir 0750 /var/log/sysmedic

# --- files ---------------------------------------------------------------------------------------------------------
# The binary is replaced by a rename, so a running sysmedic keeps its old file and the new one is complete or absent.
file 0755 "$src/sysmedic" "$prefix/bin/.sysmedic.new"
mv -f "$destdir$prefix/bin/.sysmedic.new" "$destdir$prefix/bin/sysmedic"

if [ -e "$destdir/etc/sysmedic/config.yaml" ]; then
  echo "kept /etc/sysmedic/config.yaml (the default is in $prefix/share/doc/sysmedic/config.yaml)"
else
  file 0644 "$src/config.yaml" /etc/sysmedic/config.yaml
fi
if [ -z "$destdir" ]; then
  # root:sysmedic-relay 0640: the relay reads it, nobody else but root (it may hold the relay's and SMTP's secrets).
  chgrp sysmedic-relay /etc/sysmedic/config.yaml
  chmod 0640 /etc/sysmedic/config.yaml
fi
file 0644 "$src/config.yaml" "$prefix/share/doc/sysmedic/config.yaml"
[ -f "$src/README.md" ] && file 0644 "$src/README.md" "$prefix/share/doc/sysmedic/README.md"
[ -f "$src/man/sysmedic.1" ] && file 0644 "$src/man/sysmedic.1" "$prefix/share/man/man1/sysmedic.1"
for theme in "$src"/themes/*.theme; do
  [ -f "$theme" ] && file 0644 "$theme" "$prefix/share/doc/sysmedic/examples/themes/$(basename "$theme")"
done

units=()
for unit in "$src"/systemd/*.service; do
  [ -f "$unit" ] || continue
  name=$(basename "$unit")
  units+=("$name")
  tmp=$(mktemp)
  sed -e "s|/usr/bin/sysmedic|$prefix/bin/sysmedic|g" -e "s|/usr/share/doc/sysmedic|$prefix/share/doc/sysmedic|g" "$unit" >"$tmp"
  file 0644 "$tmp" "/etc/systemd/system/$name"
  rm -f "$tmp"
done
file 0644 "$src/tmpfiles.d/sysmedic.conf" /etc/tmpfiles.d/sysmedic.conf

echo "installed sysmedic into ${destdir:-/}: $prefix/bin/sysmedic, /etc/sysmedic/config.yaml, ${units[*]:-no units}"
[ -n "$destdir" ] && exit 0

# --- this machine: /run/sysmedic, systemd -------------------------------------------------------------------------
if command -v systemd-tmpfiles >/dev/null 2>&1; then
  systemd-tmpfiles --create /etc/tmpfiles.d/sysmedic.conf
else
  install -d -m 0755 -o root -g root /run/sysmedic
fi

if [ ! -d /run/systemd/system ]; then
  echo "systemd is not running here: start the doctor with: sysmedic daemon start"
  exit 0
fi

systemctl daemon-reload
for name in "${units[@]}"; do
  systemctl try-restart "$name"
done
if [ "$enable" -eq 1 ]; then
  systemctl enable --now sysmedic.doctor.service
  if [ "$enable_relay" -eq 1 ]; then
    systemctl enable --now sysmedic.websocket.service
  fi
else
  echo "no service was enabled; start the agent with: systemctl enable --now sysmedic.doctor.service"
fi

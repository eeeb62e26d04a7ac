#!/usr/bin/env bash
# Runs SCRIPT as root in a throwaway copy of this system: an overlay over / in a private mount namespace, chrooted, so
# dpkg can install, upgrade and purge for real and nothing reaches the machine. Files given after SCRIPT are copied
# to /tmp inside. Exit 77: this machine cannot do it (not root, no overlayfs or no mount namespaces).
# Usage: throwaway-root.sh SCRIPT [FILE...]
set -euo pipefail

if [ "${SYSMEDIC_IN_NAMESPACE:-}" != 1 ]; then
  [ "$(id -u)" -eq 0 ] || { echo "throwaway root: needs root" >&2; exit 77; }
  unshare --mount --propagation private true 2>/dev/null || { echo "throwaway root: no mount namespaces" >&2; exit 77; }
  SYSMEDIC_IN_NAMESPACE=1 exec unshare --mount --propagation private "$0" "$@"
fi

script=$1
shift
base=$(mktemp -d /dev/shm/sysmedic-root.XXXXXX)
cleanup() {
  umount -R "$base" 2>/dev/null || umount -R -l "$base" 2>/dev/null || true
  rmdir "$base" 2>/dev/null || true
}
trap cleanup EXIT
mount -t tmpfs tmpfs "$base"
mkdir -p "$base/upper" "$base/work" "$base/root"
if ! mount -t overlay overlay -o "lowerdir=/,upperdir=$base/upper,workdir=$base/work" "$base/root" 2>/dev/null; then
  echo "throwaway root: no overlayfs" >&2
  exit 77
fi
mount -t proc proc "$base/root/proc"
mount --rbind /dev "$base/root/dev"
mount -t tmpfs tmpfs "$base/root/run"
mount -t tmpfs tmpfs "$base/root/tmp"
for f in "$@"; do
  cp "$f" "$base/root/tmp/"
done
# No systemd runs in the copy (/run is empty), so the maintainer scripts take their no-systemd paths.
chroot "$base/root" /bin/bash -euo pipefail -c "$script"

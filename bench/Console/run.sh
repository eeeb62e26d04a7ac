#!/usr/bin/env bash
# The console's own cost, beside htop and btop run the same way: each in its own tmux session of 120x40, refreshing
# every 2 s, over the machine's own processes and then with extra sleeping processes. CPU is utime + stime of the
# program's own process from /proc/PID/stat over the window; memory is VmRSS at the end and VmHWM.
#
#   bench/Console/run.sh [--console PATH] [--extra 2000] [--warmup 15] [--window 60]
#
# PATH is the sysmedic to measure: a .dll runs under dotnet (JIT), anything else as a native binary (default: the
# Release build, SysMedic.Tui/bin/Release/net10.0/sysmedic.dll). Needs tmux; installs htop and btop with apt-get
# when they are missing (root). Everything it starts is stopped by its own pid on every way out.
set -euo pipefail

CONSOLE=SysMedic.Tui/bin/Release/net10.0/sysmedic.dll
EXTRA=2000
WARMUP=15
WINDOW=60
while [[ $# -gt 0 ]]; do
  case "$1" in
    --console) CONSOLE=$2; shift 2 ;;
    --extra) EXTRA=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --window) WINDOW=$2; shift 2 ;;
    *) echo "usage: $0 [--console PATH] [--extra N] [--warmup S] [--window S]" >&2; exit 2 ;;
  esac
done

for tool in htop btop; do
  if ! command -v "$tool" >/dev/null; then
    apt-get install -y "$tool" >/dev/null
  fi
done
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }
[[ -e $CONSOLE ]] || { echo "no console at $CONSOLE (dotnet build SysMedic.Tui -c Release)" >&2; exit 2; }

TICK=$(getconf CLK_TCK)
WORK=$(mktemp -d /tmp/sysmedic-console-bench-XXXX)
SOCKET=smconsolebench$$
SLEEPERS=()

cleanup() {
  tmux -L "$SOCKET" kill-server 2>/dev/null || true
  if [[ ${#SLEEPERS[@]} -gt 0 ]]; then kill "${SLEEPERS[@]}" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM HUP

# btop reads its refresh from its configuration: 2000 ms, like the others; no ~/.config/btop is touched.
mkdir -p "$WORK/xdg/btop" "$WORK/home"
printf 'update_ms = 2000\nshown_boxes = "cpu mem net proc"\n' > "$WORK/xdg/btop/btop.conf"

if [[ $CONSOLE == *.dll ]]; then RUN_CONSOLE="dotnet $CONSOLE"; KIND=jit; else RUN_CONSOLE=$CONSOLE; KIND=native; fi
# No doctor answers on this socket: the console samples /proc itself every 2 s (the embedded connection).
declare -A COMMANDS=(
  [sysmedic]="env SYSMEDIC_SOCKET=$WORK/none.sock HOME=$WORK/home $RUN_CONSOLE"
  [htop]="htop -d 20"
  [btop]="env XDG_CONFIG_HOME=$WORK/xdg btop"
)
ORDER=(sysmedic htop btop)

cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
kib() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status"; }

measure() {
  local label=$1
  declare -A PIDS START
  for name in "${ORDER[@]}"; do
    PIDS[$name]=$(tmux -L "$SOCKET" new-session -d -P -F '#{pane_pid}' -s "$name" -x 120 -y 40 "exec ${COMMANDS[$name]}")
  done
  sleep "$WARMUP"
  for name in "${ORDER[@]}"; do START[$name]=$(cpu_ticks "${PIDS[$name]}"); done
  sleep "$WINDOW"
  local procs
  procs=$(find /proc -maxdepth 1 -name '[0-9]*' | wc -l)
  local refreshes=$(( WINDOW / 2 ))
  declare -A CPU RSS HWM
  for name in "${ORDER[@]}"; do
    local pid=${PIDS[$name]}
    CPU[$name]=$(( $(cpu_ticks "$pid") - ${START[$name]} ))
    RSS[$name]=$(kib "$pid" VmRSS)
    HWM[$name]=$(kib "$pid" VmHWM)
  done
  for name in "${ORDER[@]}"; do
    awk -v l="$label" -v p="$procs" -v n="$name" -v k="$KIND" -v c="${CPU[$name]}" -v t="$TICK" -v w="$WINDOW" -v r="$refreshes" \
        -v rss="${RSS[$name]}" -v hwm="${HWM[$name]}" -v hc="${CPU[htop]}" -v bc="${CPU[btop]}" -v hr="${RSS[htop]}" -v br="${RSS[btop]}" \
      'function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "-" }
       BEGIN {
         name = n == "sysmedic" ? "sysmedic (" k ")" : n
         printf "| %s | %d | %s | %.2f | %.1f | %.2f | %.1f (%.1f) | %s | %s | %s | %s |\n", l, p, name, c / t, 1000 * c / t / r, 100 * c / t / w,
           rss / 1000, hwm / 1000, ratio(c, hc), ratio(c, bc), ratio(rss, hr), ratio(rss, br)
       }'
  done
  for name in "${ORDER[@]}"; do tmux -L "$SOCKET" kill-session -t "$name"; done
}

echo "console, htop and btop at 120x40, refresh 2 s, warm-up ${WARMUP} s, window ${WINDOW} s, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo
echo "| population | processes | program | CPU s in window | CPU ms per refresh | % of one core | VmRSS MB end (VmHWM) | CPU vs htop | CPU vs btop | RSS vs htop | RSS vs btop |"
echo "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|"
measure own
if [[ $EXTRA -gt 0 ]]; then
  for _ in $(seq "$EXTRA"); do sleep 100000 & SLEEPERS+=($!); done
  measure "own + $EXTRA"
fi

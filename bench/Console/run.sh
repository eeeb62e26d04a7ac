#!/usr/bin/env bash
# The console's own cost, beside htop and btop run the same way: each in its own tmux session of 120x40, refreshing
# every 2 s, over the machine's own processes and then with extra sleeping processes. CPU is utime + stime of the
# program's own process from /proc/PID/stat over the window; memory is VmRSS at the end and VmHWM.
#
#   bench/Console/run.sh [--console PATH] [--before PATH] [--extra 2000] [--warmup 15] [--window 60] [--keys 50]
#
# PATH is the sysmedic to measure: a .dll runs under dotnet (JIT), anything else as a native binary (default: the
# Release build, SysMedic.Tui/bin/Release/net10.0/sysmedic.dll). --before names another build measured in the same
# run (say, the previous commit's), shown as "sysmedic before". Needs tmux; installs htop, btop and strace with
# apt-get when they are missing (root). Everything it starts is stopped by its own pid on every way out.
#
# Per population it measures, in this order:
#   1. CPU and memory over the window, all programs side by side; the console's own counts over the same window
#      (loop passes, passes that waited, frames drawn, snapshots, bytes allocated: SYSMEDIC_CONSOLE_STATS);
#   2. system calls per refresh (strace -f -c attached for --strace seconds, each program alone in its own run);
#   3. key to screen over --keys keys, each sent after a pause, polling capture-pane until the screen shows the
#      key's effect: sysmedic on its process screen pressing ">" (next sort column: the line above the table names
#      it), htop pressing "t" (tree view on/off: tree glyphs appear or go);
#   4. at the machine's own population only: the console paused with "p" (CPU over --window / 2), and the first
#      full frame (from tmux new-session until the process table shows "Top of N processes"), 5 times.
set -euo pipefail

CONSOLE=SysMedic.Tui/bin/Release/net10.0/sysmedic.dll
BEFORE=""
EXTRA=2000
WARMUP=15
WINDOW=60
KEYS=50
STRACE=20
while [[ $# -gt 0 ]]; do
  case "$1" in
    --console) CONSOLE=$2; shift 2 ;;
    --before) BEFORE=$2; shift 2 ;;
    --extra) EXTRA=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --window) WINDOW=$2; shift 2 ;;
    --keys) KEYS=$2; shift 2 ;;
    --strace) STRACE=$2; shift 2 ;;
    *) echo "usage: $0 [--console PATH] [--before PATH] [--extra N] [--warmup S] [--window S] [--keys N] [--strace S]" >&2; exit 2 ;;
  esac
done

for tool in htop btop strace; do
  if ! command -v "$tool" >/dev/null; then
    apt-get install -y "$tool" >/dev/null
  fi
done
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }
[[ -e $CONSOLE ]] || { echo "no console at $CONSOLE (dotnet build SysMedic.Tui -c Release)" >&2; exit 2; }
[[ -z $BEFORE || -e $BEFORE ]] || { echo "no console at $BEFORE" >&2; exit 2; }

TICK=$(getconf CLK_TCK)
WORK=$(mktemp -d /tmp/sysmedic-console-bench-XXXX)
SOCKET=smconsolebench$$
SLEEPERS=()
RESULTS=$WORK/results.md
STATS=$WORK/stats.txt

cleanup() {
  tmux -L "$SOCKET" kill-server 2>/dev/null || true
  if [[ ${#SLEEPERS[@]} -gt 0 ]]; then kill "${SLEEPERS[@]}" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM HUP

# btop reads its refresh from its configuration: 2000 ms, like the others; no ~/.config/btop is touched.
mkdir -p "$WORK/xdg/btop" "$WORK/home"
printf 'update_ms = 2000\nshown_boxes = "cpu mem net proc"\n' > "$WORK/xdg/btop/btop.conf"

runner() { if [[ $1 == *.dll ]]; then echo "dotnet $1"; else echo "$1"; fi; }
kind() { if [[ $1 == *.dll ]]; then echo jit; else echo native; fi; }
# No doctor answers on this socket: the console samples /proc itself every 2 s (the embedded connection).
declare -A COMMANDS=(
  [sysmedic]="env SYSMEDIC_SOCKET=$WORK/none.sock HOME=$WORK/home SYSMEDIC_CONSOLE_STATS=$STATS SYSMEDIC_CONSOLE_STATS_AFTER=$WARMUP $(runner "$CONSOLE")"
  [htop]="htop -d 20"
  [btop]="env XDG_CONFIG_HOME=$WORK/xdg btop"
)
declare -A LABELS=([sysmedic]="sysmedic ($(kind "$CONSOLE"))" [htop]=htop [btop]=btop)
ORDER=(sysmedic)
if [[ -n $BEFORE ]]; then
  COMMANDS[before]="env SYSMEDIC_SOCKET=$WORK/none.sock HOME=$WORK/home $(runner "$BEFORE")"
  LABELS[before]="sysmedic before ($(kind "$BEFORE"))"
  ORDER+=(before)
fi
ORDER+=(htop btop)

cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
kib() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status"; }
start() { tmux -L "$SOCKET" new-session -d -P -F '#{pane_pid}' -s "$1" -x 120 -y 40 "exec ${COMMANDS[$1]}"; }
stop() { tmux -L "$SOCKET" kill-session -t "$1" 2>/dev/null || true; }
screen() { tmux -L "$SOCKET" capture-pane -p -t "$1"; }
wait_for() { # session, extended regexp, seconds
  local until=$((SECONDS + $3))
  while ((SECONDS < until)); do screen "$1" | grep -Eq "$2" && return 0; sleep 0.05; done
  return 1
}
quit_console() { # q, then wait for the process to end (the stats are written at exit)
  tmux -L "$SOCKET" send-keys -t "$1" q
  local until=$((SECONDS + 10))
  while ((SECONDS < until)) && kill -0 "$2" 2>/dev/null; do sleep 0.1; done
  stop "$1"
}
procs() { find /proc -maxdepth 1 -name '[0-9]*' | wc -l; }

measure_cpu() {
  local label=$1 procs_now
  declare -A PIDS START CPU RSS HWM
  : > "$STATS"
  for name in "${ORDER[@]}"; do PIDS[$name]=$(start "$name"); done
  sleep "$WARMUP"
  for name in "${ORDER[@]}"; do START[$name]=$(cpu_ticks "${PIDS[$name]}"); done
  sleep "$WINDOW"
  procs_now=$(procs)
  for name in "${ORDER[@]}"; do
    local pid=${PIDS[$name]}
    CPU[$name]=$(( $(cpu_ticks "$pid") - ${START[$name]} ))
    RSS[$name]=$(kib "$pid" VmRSS)
    HWM[$name]=$(kib "$pid" VmHWM)
  done
  quit_console sysmedic "${PIDS[sysmedic]}"
  for name in "${ORDER[@]}"; do stop "$name"; done
  local refreshes=$(( WINDOW / 2 ))
  for name in "${ORDER[@]}"; do
    awk -v l="$label" -v p="$procs_now" -v n="${LABELS[$name]}" -v c="${CPU[$name]}" -v t="$TICK" -v w="$WINDOW" -v r="$refreshes" \
        -v rss="${RSS[$name]}" -v hwm="${HWM[$name]}" -v hc="${CPU[htop]}" -v bc="${CPU[btop]}" -v hr="${RSS[htop]}" -v br="${RSS[btop]}" \
      'function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "-" }
       BEGIN {
         printf "| %s | %d | %s | %.2f | %.1f | %.2f | %.1f (%.1f) | %s | %s | %s | %s |\n", l, p, n, c / t, 1000 * c / t / r, 100 * c / t / w,
           rss / 1000, hwm / 1000, ratio(c, hc), ratio(c, bc), ratio(rss, hr), ratio(rss, br)
       }' >> "$RESULTS.cpu"
  done
  # seconds=.. passes=.. waits=.. draws=.. snapshots=.. allocated_bytes=..
  awk -v l="$label" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       s = v["snapshots"] > 0 ? v["snapshots"] : 1
       printf "| %s | %.0f | %d | %.1f | %.1f | %.1f | %.0f |\n", l, v["seconds"], v["snapshots"], v["passes"] / s, v["waits"] / s, v["draws"] / s, v["allocated_bytes"] / s / 1000 }' \
    "$STATS" >> "$RESULTS.counts"
}

measure_syscalls() {
  local label=$1
  for name in "${ORDER[@]}"; do
    local pid out="$WORK/strace.$name"
    pid=$(start "$name")
    sleep 10
    timeout -s INT "$STRACE" strace -f -c -p "$pid" -o "$out" >/dev/null 2>&1 || true
    stop "$name"
    # Rows of the summary: % time, seconds, usecs/call, calls, [errors,] syscall. Calls per refresh, the five commonest.
    awk -v l="$label" -v n="${LABELS[$name]}" -v r=$(( STRACE / 2 )) '
      $1 ~ /^[0-9.]+$/ && NF >= 5 && $NF != "total" { calls[$NF] = $4; total += $4 }
      END {
        for (k = 0; k < 5; k++) {
          best = ""; for (c in calls) if (best == "" || calls[c] > calls[best]) best = c
          if (best == "") break
          top = top sprintf("%s%s %.0f", k ? ", " : "", best, calls[best] / r); delete calls[best]
        }
        printf "| %s | %s | %.0f | %s |\n", l, n, total / r, top
      }' "$out" >> "$RESULTS.syscalls"
  done
}

# One key, then capture-pane until the screen says the key took effect; milliseconds on stdout.
key_once() { # session, key, extended regexp the screen must match afterwards (with "!" first: must no longer match)
  local t0 t1 until=$((SECONDS + 10))
  t0=$EPOCHREALTIME
  tmux -L "$SOCKET" send-keys -t "$1" "$2"
  if [[ $3 == !* ]]; then
    while screen "$1" | grep -Eq "${3#!}" && ((SECONDS < until)); do :; done
  else
    until screen "$1" | grep -Eq "$3" || ((SECONDS >= until)); do :; done
  fi
  t1=$EPOCHREALTIME
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.1f\n", (b - a) * 1000 }'
}

percentiles() { sort -n | awk -v l="$1" -v n="$2" '{ v[NR] = $1 } END { printf "| %s | %s | %d | %.1f | %.1f | %.1f |\n", l, n, NR, v[int((NR + 1) / 2)], v[int(NR * 0.95 + 0.5)], v[NR] }'; }

measure_keys() {
  local label=$1 pid
  local columns=(PID USER NAME S CPU% MEM% RSS THR NI COMMAND)
  for name in sysmedic ${BEFORE:+before}; do
    pid=$(start "$name")
    wait_for "$name" 'Top of [0-9]+ processes' 30 || true
    sleep 3
    tmux -L "$SOCKET" send-keys -t "$name" F4
    wait_for "$name" 'processes, all users, by CPU%' 10 || true
    local at=4
    : > "$WORK/keys"
    for _ in $(seq "$KEYS"); do
      sleep 0.3
      at=$(( (at + 1) % ${#columns[@]} ))
      key_once "$name" '>' "all users, by ${columns[$at]}   " >> "$WORK/keys"
    done
    percentiles "$label" "${LABELS[$name]} (>)" < "$WORK/keys" >> "$RESULTS.keys"
    quit_console "$name" "$pid"
  done
  pid=$(start htop)
  sleep 3
  : > "$WORK/keys"
  local tree=0
  for _ in $(seq "$KEYS"); do
    sleep 0.3
    tree=$(( 1 - tree ))
    if ((tree)); then key_once htop t '├─|└─' >> "$WORK/keys"; else key_once htop t '!├─|└─' >> "$WORK/keys"; fi
  done
  percentiles "$label" "htop (t)" < "$WORK/keys" >> "$RESULTS.keys"
  stop htop
}

measure_idle() {
  local label=$1
  for name in sysmedic ${BEFORE:+before}; do
    local pid t0 half=$(( WINDOW / 2 ))
    pid=$(start "$name")
    wait_for "$name" 'Top of [0-9]+ processes' 30 || true
    tmux -L "$SOCKET" send-keys -t "$name" p
    sleep $(( WARMUP / 2 + 3 ))
    t0=$(cpu_ticks "$pid")
    sleep "$half"
    awk -v l="$label" -v n="${LABELS[$name]}" -v c=$(( $(cpu_ticks "$pid") - t0 )) -v t="$TICK" -v w="$half" \
      'BEGIN { printf "| %s | %s | %.2f | %.1f |\n", l, n, c / t, 1000 * c / t / (w / 2) }' >> "$RESULTS.idle"
    quit_console "$name" "$pid"
  done
}

measure_first_frame() {
  for name in sysmedic ${BEFORE:+before}; do
    : > "$WORK/frames"
    for _ in 1 2 3 4 5; do
      local t0 t1 pid
      t0=$EPOCHREALTIME
      pid=$(start "$name")
      local until=$((SECONDS + 30))
      until screen "$name" | grep -Eq 'Top of [1-9][0-9]* processes' || ((SECONDS >= until)); do :; done
      t1=$EPOCHREALTIME
      awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.0f\n", (b - a) * 1000 }' >> "$WORK/frames"
      quit_console "$name" "$pid"
    done
    echo "| ${LABELS[$name]} | $(paste -sd' ' "$WORK/frames" | sed 's/ /, /g') |" >> "$RESULTS.frame"
  done
}

population() {
  local label=$1
  measure_cpu "$label"
  measure_syscalls "$label"
  measure_keys "$label"
}

echo "console, htop and btop at 120x40, refresh 2 s, warm-up ${WARMUP} s, window ${WINDOW} s, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
population own
measure_idle own
measure_first_frame
if [[ $EXTRA -gt 0 ]]; then
  for _ in $(seq "$EXTRA"); do sleep 100000 & SLEEPERS+=($!); done
  population "own + $EXTRA"
fi

echo
echo "CPU and memory:"
echo
echo "| population | processes | program | CPU s in window | CPU ms per refresh | % of one core | VmRSS MB end (VmHWM) | CPU vs htop | CPU vs btop | RSS vs htop | RSS vs btop |"
echo "|---|--:|---|--:|--:|--:|--:|--:|--:|--:|--:|"
cat "$RESULTS.cpu"
echo
echo "The console's own counts over the same window, per snapshot shown (SYSMEDIC_CONSOLE_STATS):"
echo
echo "| population | seconds | snapshots | loop passes | passes that waited | frames drawn | KB allocated |"
echo "|---|--:|--:|--:|--:|--:|--:|"
cat "$RESULTS.counts" 2>/dev/null || true
echo
echo "System calls per refresh (strace -f -c, ${STRACE} s), with the commonest:"
echo
echo "| population | program | calls per refresh | by call, per refresh |"
echo "|---|---|--:|---|"
cat "$RESULTS.syscalls"
echo
echo "Key to screen, ms (a key every 0.3 s; tmux capture-pane polled until the screen shows its effect):"
echo
echo "| population | program (key) | keys | p50 | p95 | max |"
echo "|---|---|--:|--:|--:|--:|"
cat "$RESULTS.keys"
echo
echo "Paused with p, own population:"
echo
echo "| population | program | CPU s | CPU ms per 2 s |"
echo "|---|---|--:|--:|"
cat "$RESULTS.idle"
echo
echo "First full frame, ms (tmux new-session until the table shows Top of N processes):"
echo
echo "| program | 5 starts |"
echo "|---|---|"
cat "$RESULTS.frame"

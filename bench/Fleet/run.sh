#!/usr/bin/env bash
# The console's fleet view against a simulated fleet of relays on 127.0.0.1 (bench/Fleet: one port per host, the
# relay's side of the protocol, summaries every 2 s), beside the single-host dashboard connected to one of them (full
# snapshots every 2 s), each in its own tmux session of 120x40; then network cuts and how long the fleet takes to be
# all connected again once the network heals.
#
#   bench/Fleet/run.sh [--console PATH] [--hosts 100] [--warmup 20] [--window 60] [--cut 15] [--cuts 2] [--base-port 28000]
#
# PATH is the sysmedic to measure: a .dll runs under dotnet (JIT), anything else as a native binary (default: the
# published /tmp/sm-pub/sysmedic). The simulator is built with `dotnet build bench/Fleet -c Release`. Needs tmux.
# Every process it starts is stopped by its own pid (the tmux server by its socket) on every way out.
#
# 1. CPU and memory: the fleet (`sysmedic --fleet`, hosts.yaml naming every simulated host) and the dashboard
#    (`sysmedic --connect sysmedic://SECRET@127.0.0.1:BASE/`) run side by side; once the fleet shows every host
#    connected, after --warmup seconds, utime + stime of each console's pid from /proc/PID/stat over the window,
#    divided by the refreshes (both refresh every 2 s); VmRSS and VmHWM at the end.
# 2. Network cuts (the dashboard closed): with every host connected, the simulator resets every connection and stops
#    listening (SIGUSR1) for --cut seconds, then listens again (SIGUSR2). From the healing, the screen is read every
#    100 ms until its top line counts every host connected; the simulator logs when every host had a client again.
set -euo pipefail

CONSOLE=/tmp/sm-pub/sysmedic
HOSTS=100
WARMUP=20
WINDOW=60
CUT=15
CUTS=2
BASE_PORT=28000
while [[ $# -gt 0 ]]; do
  case "$1" in
    --console) CONSOLE=$2; shift 2 ;;
    --hosts) HOSTS=$2; shift 2 ;;
    --warmup) WARMUP=$2; shift 2 ;;
    --window) WINDOW=$2; shift 2 ;;
    --cut) CUT=$2; shift 2 ;;
    --cuts) CUTS=$2; shift 2 ;;
    --base-port) BASE_PORT=$2; shift 2 ;;
    *) echo "usage: $0 [--console PATH] [--hosts N] [--warmup S] [--window S] [--cut S] [--cuts N] [--base-port P]" >&2; exit 2 ;;
  esac
done

ROOT=$(cd "$(dirname "$0")/../.." && pwd)
command -v tmux >/dev/null || { echo "tmux is needed" >&2; exit 2; }
[[ -e $CONSOLE ]] || { echo "no console at $CONSOLE (dotnet publish SysMedic.Tui -c Release -r linux-x64 -o /tmp/sm-pub)" >&2; exit 2; }
if ss -ltnH "( sport >= :$BASE_PORT and sport < :$((BASE_PORT + HOSTS)) )" 2>/dev/null | grep -q .; then
  echo "a port in $BASE_PORT..$((BASE_PORT + HOSTS - 1)) is taken: pass --base-port" >&2
  exit 2
fi
nice -n 10 dotnet build "$ROOT/bench/Fleet" -c Release -v quiet -nologo >/dev/null
SIMULATOR=$ROOT/bench/Fleet/bin/Release/net10.0/SysMedic.Bench.Fleet.dll

TICK=$(getconf CLK_TCK)
WORK=$(mktemp -d /tmp/sysmedic-fleet-bench-XXXX)
SOCKET=smfleetbench$$
SECRET=fleetbench-$$-$RANDOM
SIM_PID=""
SIM_LOG=$WORK/simulator.log
RESULTS=$WORK/results.md

cleanup() {
  tmux -L "$SOCKET" kill-server 2>/dev/null || true
  if [[ -n $SIM_PID ]]; then kill "$SIM_PID" 2>/dev/null || true; wait "$SIM_PID" 2>/dev/null || true; fi
  rm -rf "$WORK"
}
trap cleanup EXIT INT TERM HUP

# hosts.yaml for the fleet: every simulated host by name, the first one newest. The dashboard gets its own
# configuration directory, since --connect remembers the relay in hosts.yaml.
mkdir -p "$WORK/fleet/sysmedic" "$WORK/dashboard" "$WORK/home"
{
  echo "hosts:"
  for ((i = 0; i < HOSTS; i++)); do
    printf '  - name: "sim%03d"\n    host: "127.0.0.1"\n    port: %d\n    tls: false\n    secret: "%s"\n    last_used: %s\n' \
      "$i" $((BASE_PORT + i)) "$SECRET" "$(date -u -d "@$(( $(date +%s) - i ))" +%Y-%m-%dT%H:%M:%SZ)"
  done
} > "$WORK/fleet/sysmedic/hosts.yaml"
chmod 600 "$WORK/fleet/sysmedic/hosts.yaml"

runner() { if [[ $1 == *.dll ]]; then echo "dotnet $1"; else echo "$1"; fi; }
kind() { if [[ $1 == *.dll ]]; then echo jit; else echo native; fi; }
# Neither console may meet a doctor running on this machine: SYSMEDIC_SOCKET names a socket nobody serves.
ENVIRONMENT="SYSMEDIC_SOCKET=$WORK/none.sock HOME=$WORK/home SYSMEDIC_CONSOLE_STATS_AFTER=$WARMUP"
declare -A COMMANDS=(
  [fleet]="env $ENVIRONMENT XDG_CONFIG_HOME=$WORK/fleet SYSMEDIC_CONSOLE_STATS=$WORK/stats.fleet $(runner "$CONSOLE") --fleet"
  [dashboard]="env $ENVIRONMENT XDG_CONFIG_HOME=$WORK/dashboard SYSMEDIC_CONSOLE_STATS=$WORK/stats.dashboard $(runner "$CONSOLE") --connect sysmedic://$SECRET@127.0.0.1:$BASE_PORT/"
)
declare -A LABELS=([fleet]="fleet, $HOSTS hosts ($(kind "$CONSOLE"))" [dashboard]="dashboard, 1 host ($(kind "$CONSOLE"))")
ORDER=(fleet dashboard)

cpu_ticks() { awk '{ sub(/^.*\) /, ""); print $12 + $13 }' "/proc/$1/stat"; }
kib() { awk -v k="$2" '$1 == k":" { print $2 }' "/proc/$1/status"; }
start() { tmux -L "$SOCKET" new-session -d -P -F '#{pane_pid}' -s "$1" -x 120 -y 40 "exec ${COMMANDS[$1]}"; }
stop() { tmux -L "$SOCKET" kill-session -t "$1" 2>/dev/null || true; }
screen() { tmux -L "$SOCKET" capture-pane -p -t "$1"; }
# The fleet view's top line reads "100 hosts: 98 connected, 2 reconnecting, ...": the count before "connected".
connected() { screen fleet | grep -m1 -oE '[0-9]+ hosts?: [0-9]+ connected' | sed -E 's/.*: ([0-9]+) connected/\1/' || echo 0; }
wait_connected() { # count, seconds; prints the seconds it took, or "-" after the time
  local t0=$EPOCHREALTIME until=$((SECONDS + $2))
  while ((SECONDS < until)); do
    if (( $(connected) >= $1 )); then awk -v a="$t0" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f\n", b - a }'; return 0; fi
    sleep 0.1
  done
  echo "-"
  return 1
}
quit_console() { # q, then wait for the process to end (the stats are written at exit)
  tmux -L "$SOCKET" send-keys -t "$1" q
  local until=$((SECONDS + 10))
  while ((SECONDS < until)) && kill -0 "$2" 2>/dev/null; do sleep 0.1; done
  stop "$1"
}
# Every thread of a pid: "tid<TAB>name<TAB>utime+stime" (the name is what the runtime called the thread).
threads() {
  for f in /proc/"$1"/task/*/stat; do
    awk '{ n = $0; sub(/^[^(]*\(/, "", n); sub(/\) .*$/, "", n); t = $0; sub(/^.*\) /, "", t); split(t, a, " "); printf "%s\t%s\t%d\n", $1, n, a[12] + a[13] }' "$f" 2>/dev/null
  done
}
sim_line() { grep -E "^[0-9.]+ $1" "$SIM_LOG" | tail -1; }

nice -n 5 dotnet "$SIMULATOR" --hosts "$HOSTS" --base-port "$BASE_PORT" --secret "$SECRET" > "$SIM_LOG" 2>&1 &
SIM_PID=$!
until grep -q ' ready ' "$SIM_LOG"; do
  kill -0 "$SIM_PID" 2>/dev/null || { cat "$SIM_LOG" >&2; exit 1; }
  sleep 0.1
done
READY=$(sim_line ready)
echo "fleet view and dashboard at 120x40, refresh 2 s, warm-up ${WARMUP} s, window ${WINDOW} s, $(nproc) CPUs, load $(cut -d' ' -f1-3 /proc/loadavg)"
echo "simulator: ${READY#* ready }"

# 1. CPU and memory, side by side.
declare -A PIDS START CPU RSS HWM
for name in "${ORDER[@]}"; do PIDS[$name]=$(start "$name"); done
FIRST=$(wait_connected "$HOSTS" 120) || true
sleep "$WARMUP"
SIM_START=$(cpu_ticks "$SIM_PID")
for name in "${ORDER[@]}"; do START[$name]=$(cpu_ticks "${PIDS[$name]}"); threads "${PIDS[$name]}" > "$WORK/threads0.$name"; done
sleep "$WINDOW"
for name in "${ORDER[@]}"; do threads "${PIDS[$name]}" > "$WORK/threads1.$name"; done
for name in "${ORDER[@]}"; do
  pid=${PIDS[$name]}
  CPU[$name]=$(( $(cpu_ticks "$pid") - ${START[$name]} ))
  RSS[$name]=$(kib "$pid" VmRSS)
  HWM[$name]=$(kib "$pid" VmHWM)
done
SIM_CPU=$(( $(cpu_ticks "$SIM_PID") - SIM_START ))
SHOWN=$(connected)
screen fleet > "$WORK/fleet.screen"
# Both quit now, so that their own counts cover the same time (from the warm-up to the end of the window).
for name in "${ORDER[@]}"; do
  quit_console "$name" "${PIDS[$name]}"
  if [[ -e $WORK/stats.$name ]]; then mv "$WORK/stats.$name" "$WORK/window.$name"; fi
done

REFRESHES=$(( WINDOW / 2 ))
for name in "${ORDER[@]}"; do
  awk -v n="${LABELS[$name]}" -v c="${CPU[$name]}" -v t="$TICK" -v w="$WINDOW" -v r="$REFRESHES" -v rss="${RSS[$name]}" -v hwm="${HWM[$name]}" \
      -v dc="${CPU[dashboard]}" -v dr="${RSS[dashboard]}" -v fleet="$([[ $name == fleet ]] && echo 1 || echo 0)" \
    'function ratio(a, b) { return b > 0 ? sprintf("%.2f", a / b) : "-" }
     BEGIN {
       cpu_ok = fleet ? (dc > 0 && c / dc <= 2 ? "PASS" : "FAIL") : ""
       rss_ok = fleet ? (rss / 1000 < 80 ? "PASS" : "FAIL") : ""
       printf "| %s | %.2f | %.1f | %.2f | %.1f (%.1f) | %s | %s | %s | %s |\n", n, c / t, 1000 * c / t / r, 100 * c / t / w,
         rss / 1000, hwm / 1000, ratio(c, dc), ratio(rss, dr), cpu_ok, rss_ok
     }' >> "$RESULTS.cpu"
done
awk -v c="$SIM_CPU" -v t="$TICK" -v w="$WINDOW" -v h="$HOSTS" \
  'BEGIN { printf "| simulator (%d relays, jit) | %.2f | | %.2f | | | | | |\n", h, c / t, 100 * c / t / w }' >> "$RESULTS.cpu"

# 2. Network cuts, the fleet alone, started afresh.
PIDS[fleet]=$(start fleet)
SECOND=$(wait_connected "$HOSTS" 120) || true
for ((n = 1; n <= CUTS; n++)); do
  wait_connected "$HOSTS" 60 >/dev/null || true
  before=$(connected)
  kill -USR1 "$SIM_PID"
  sleep "$CUT"
  during=$(connected)
  screen fleet | head -8 > "$WORK/cut$n.screen"
  kill -USR2 "$SIM_PID"
  until (( $(grep -c ' healed ' "$SIM_LOG") >= n )); do sleep 0.01; done
  healed=$(grep ' healed ' "$SIM_LOG" | sed -n "${n}p" | cut -d' ' -f1)
  # From the healing as the simulator logged it, until the screen counts every host connected.
  shown="-"
  until=$((SECONDS + 120))
  while ((SECONDS < until)); do
    if (( $(connected) >= HOSTS )); then shown=$(awk -v a="$healed" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.1f", b - a }'); break; fi
    sleep 0.1
  done
  sleep 1
  server=$(grep ' reconnected ' "$SIM_LOG" | sed -n "${n}p")
  after=$(sed -nE 's/.* after=([0-9.]+).*/\1/p' <<< "$server")
  p50=$(sed -nE 's/.* p50=([0-9.]+).*/\1/p' <<< "$server")
  ok=$(awk -v s="$shown" 'BEGIN { print (s != "-" && s + 0 <= 10) ? "PASS" : "FAIL" }')
  echo "| $n | $CUT | $before | $during | ${shown} | ${after:--} | ${p50:--} | $ok |" >> "$RESULTS.cut"
done
quit_console fleet "${PIDS[fleet]}"

echo
echo "Connected at start: every host shown connected ${FIRST} s and ${SECOND} s after the fleet view started (two starts); the top line said $SHOWN connected at the end of the window."
echo
echo "CPU and memory over the window (each console's own pid; ${REFRESHES} refreshes of 2 s):"
echo
echo "| program | CPU s in window | CPU ms per refresh | % of one core | VmRSS MB end (VmHWM) | CPU vs dashboard | RSS vs dashboard | CPU <= 2x | RSS < 80 MB |"
echo "|---|--:|--:|--:|--:|--:|--:|:-:|:-:|"
cat "$RESULTS.cpu"
echo
echo "The consoles' own counts from the warm-up to the end of the window, per 2 s refresh (SYSMEDIC_CONSOLE_STATS; \"snapshots\""
echo "are those of the console's main connection: for the fleet view, the local one it was opened over):"
echo
echo "| program | seconds | snapshots | loop passes | passes that waited | frames drawn | KB allocated |"
echo "|---|--:|--:|--:|--:|--:|--:|"
for name in "${ORDER[@]}"; do
  [[ -s $WORK/window.$name ]] || continue
  awk -v l="${LABELS[$name]}" '{ for (i = 1; i <= NF; i++) { split($i, kv, "="); v[kv[1]] = kv[2] }
       r = v["seconds"] > 0 ? v["seconds"] / 2 : 1
       printf "| %s | %.0f | %.1f | %.1f | %.1f | %.1f | %.0f |\n", l, v["seconds"], v["snapshots"] / r, v["passes"] / r, v["waits"] / r, v["draws"] / r, v["allocated_bytes"] / r / 1000 }' \
    "$WORK/window.$name"
done
echo
echo "Where each console's CPU went over the window, by thread name (ms per refresh; threads that started in the window count whole):"
echo
echo "| program | threads, busiest first |"
echo "|---|---|"
for name in "${ORDER[@]}"; do
  awk -F'\t' -v n="${LABELS[$name]}" -v t="$TICK" -v r="$REFRESHES" '
    NR == FNR { before[$1] = $3; next }
    { used[$2] += $3 - before[$1]; count[$2]++ }
    END {
      for (k = 0; k < 6; k++) {
        best = ""; for (c in used) if (best == "" || used[c] > used[best]) best = c
        if (best == "" || used[best] <= 0) break
        line = line sprintf("%s%s (%d) %.1f", k ? ", " : "", best, count[best], 1000 * used[best] / t / r); delete used[best]
      }
      printf "| %s | %s |\n", n, line
    }' "$WORK/threads0.$name" "$WORK/threads1.$name"
done
echo
echo "Network cuts: every connection reset and every port closed for ${CUT} s, then open again. Seconds from the healing:"
echo
echo "| cut | seconds cut | connected before | connected shown at the end of the cut | until the screen shows all $HOSTS connected | until every host had a client again (simulator) | simulator p50 | <= 10 s |"
echo "|--:|--:|--:|--:|--:|--:|--:|:-:|"
cat "$RESULTS.cut"
echo
echo "The fleet screen at the end of the window:"
echo
echo '```'
cat "$WORK/fleet.screen"
echo '```'
echo
echo "Its top lines at the end of the last cut, just before the healing:"
echo
echo '```'
cat "$WORK/cut$CUTS.screen"
echo '```'

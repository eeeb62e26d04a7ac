#!/usr/bin/env bash
# Load test of the WebSocket relay on 127.0.0.1: CLIENTS clients (the `ws` package) receive a snapshot every second
# for SECONDS; then the same clients against a reference `ws` broadcast server sending the same message.
# usage: bench/Relay/run.sh [CLIENTS] [SECONDS] [PROCESSES]
#        defaults 1000, 60, 2 client processes (the clients are shared among them); SYSMEDIC_BIN=path runs a
#        published binary instead of the Release build under dotnet.
set -euo pipefail

clients="${1:-1000}"
seconds="${2:-60}"
procs="${3:-2}"
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
command -v node >/dev/null || { echo "node is needed (apt-get install nodejs npm)" >&2; exit 1; }
[ -d "$here/node_modules/ws" ] || (cd "$here" && npm install --no-audit --no-fund --loglevel=error >/dev/null)
ulimit -n "$(ulimit -Hn)"   # two descriptors a client (its end and the server's)

if [ -n "${SYSMEDIC_BIN:-}" ]; then
  sysmedic=("$SYSMEDIC_BIN")
  build="published binary $SYSMEDIC_BIN"
else
  dotnet build "$root/SysMedic.Tui" -c Release --tl:off -v quiet -nologo >/dev/null
  sysmedic=(dotnet "$root/SysMedic.Tui/bin/Release/net10.0/sysmedic.dll")
  build="Release build under dotnet (JIT)"
fi

work="$(mktemp -d /tmp/sysmedic-relay-bench.XXXXXX)"
port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
ref_port="$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')"
pids=()
cleanup() {
  for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done
  wait 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT INT TERM HUP

cat > "$work/config.yaml" <<YAML
data_path: $work/data
log_path: $work/log
monitoring:
  live_interval: 1
websocket:
  bind: 127.0.0.1
  port: $port
  update_interval: 1
  max_clients: $((clients + 50))
YAML
export SYSMEDIC_SOCKET="$work/doctor.sock"
"${sysmedic[@]}" --doctor-daemon --config "$work/config.yaml" >"$work/doctor.out" 2>&1 & pids+=($!)
"${sysmedic[@]}" --websocket-daemon --config "$work/config.yaml" >"$work/relay.out" 2>&1 & relay=$!; pids+=($relay)
for _ in $(seq 100); do
  curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1 && break
  sleep 0.2
done
secret="$(sed -n 's/^ *secret: *"\{0,1\}\([^"]*\)"\{0,1\}$/\1/p' "$work/config.yaml")"
# The relay's process: under dotnet, the PID started above is dotnet itself.
relay_pid="$relay"

ticks() { awk '{print $14 + $15}' "/proc/$1/stat"; }
rss_kb() { awk '/^VmRSS/ {print $2}' "/proc/$1/status"; }
hwm_kb() { awk '/^VmHWM/ {print $2}' "/proc/$1/status"; }
hz="$(getconf CLK_TCK)"

measure() { # name pid url
  local name="$1" pid="$2" url="$3" t0 t1 w0 w1 peak=0 r i share
  local clients_pids=()
  t0="$(ticks "$pid")"; w0="$(date +%s.%N)"
  for i in $(seq "$procs"); do
    share=$(( clients / procs + (i <= clients % procs ? 1 : 0) ))
    node "$here/client.js" "$url" "$secret" "$share" "$seconds" "$work/$name.$i.json" & clients_pids+=($!)
  done
  while kill -0 "${clients_pids[0]}" 2>/dev/null; do
    r="$(rss_kb "$pid")"; [ "$r" -gt "$peak" ] && peak="$r"
    sleep 1
  done
  for i in "${clients_pids[@]}"; do wait "$i"; done
  t1="$(ticks "$pid")"; w1="$(date +%s.%N)"
  python3 - "$name" "$t0" "$t1" "$w0" "$w1" "$hz" "$peak" "$work/$name".*.json >>"$work/results.txt" <<'PY'
import json, sys
name, t0, t1, w0, w1, hz, peak, *files = sys.argv[1:]
parts = [json.load(open(f)) for f in files]
start, end = max(p["start"] for p in parts), min(p["end"] for p in parts)
seen = [set(s) for p in parts for s in p["seen"]]
# Every snapshot any client saw, away from the edges of the window, should have reached every client.
inner = {t for s in seen for t in s if start + 1000 < t < end - 3000}
lost = sum(len(inner - s) for s in seen)
delays = sorted(d for p in parts for d in p["delays"])
pct = lambda q: delays[min(len(delays) - 1, int(q / 100 * len(delays)))] if delays else None
cpu = (int(t1) - int(t0)) / int(hz) / (float(w1) - float(w0)) * 100
print(json.dumps({"name": name, "connected": sum(p["connected"] for p in parts), "failed": sum(p["failed"] for p in parts),
    "closed_early": sum(p["closed_early"] for p in parts), "snapshots": len(inner), "lost": lost, "received": len(delays),
    "p50_ms": pct(50), "p99_ms": pct(99), "max_ms": delays[-1] if delays else None,
    "cpu_percent_of_one_core": round(cpu, 1), "rss_peak_mb": round(int(peak) / 1024, 1)}))
PY
}

echo "relay bench: $clients clients in $procs node processes, $seconds s, $build, $(nproc) cores"
measure relay "$relay_pid" "ws://127.0.0.1:$port/ws"
echo "relay: rss after the clients left $(($(rss_kb "$relay_pid") / 1024)) MB (peak $(($(hwm_kb "$relay_pid") / 1024)) MB)"

# The reference sends the relay's own snapshot message, so both send the same bytes.
node -e '
const WebSocket = require(process.argv[1] + "/node_modules/ws");
const ws = new WebSocket(process.argv[2], { headers: { Authorization: "Bearer " + process.argv[3] } });
ws.on("message", d => { const t = d.toString(); if (t.startsWith("{\"type\":\"snapshot\"")) { require("fs").writeFileSync(process.argv[4], t); process.exit(0); } });
' "$here" "ws://127.0.0.1:$port/ws" "$secret" "$work/snapshot.json"
echo "snapshot message: $(wc -c <"$work/snapshot.json") bytes"
node "$here/reference-server.js" "$ref_port" "$secret" "$work/snapshot.json" >"$work/ref.out" 2>&1 & ref=$!; pids+=($ref)
sleep 1
measure reference "$ref" "ws://127.0.0.1:$ref_port/ws"

python3 - "$work/results.txt" <<'PY'
import json, sys
rows = {json.loads(l)["name"]: json.loads(l) for l in open(sys.argv[1])}
r, ref = rows["relay"], rows["reference"]
print(f"{'':22}{'relay':>12}{'reference':>12}{'ratio':>8}")
def line(label, key, fmt="{:.1f}"):
    a, b = r[key], ref[key]
    ratio = f"{a / b:.2f}" if isinstance(a, (int, float)) and isinstance(b, (int, float)) and b else "-"
    print(f"{label:22}{fmt.format(a):>12}{fmt.format(b):>12}{ratio:>8}")
line("connected", "connected", "{}")
line("snapshots per client", "snapshots", "{}")
line("messages lost", "lost", "{}")
line("delay p50 (ms)", "p50_ms", "{:.2f}")
line("delay p99 (ms)", "p99_ms", "{:.2f}")
line("delay max (ms)", "max_ms", "{:.2f}")
line("CPU (% of one core)", "cpu_percent_of_one_core")
line("RSS peak (MB)", "rss_peak_mb")
PY

#!/usr/bin/env python3
"""What a fleet costs Prometheus and each relay, measured on this machine with the real relay and a real Prometheus.

usage: bench/Prometheus/run.py [--bin PATH] [--seconds S] [--hosts N,N] [--users U]

1. Series and bytes per host: a private doctor and relay (their own socket, port and data path) are scraped like
   Prometheus does (Accept-Encoding: gzip); it counts the samples, the bytes, and the samples per user.
2. The relay's CPU for a scrape beside its CPU for relaying a snapshot: the relay's user + system time from
   /proc/PID/stat over S seconds idle, over S seconds of scrapes one after the other, and over S seconds with one
   WebSocket client receiving a snapshot a second; each minus the idle rate, divided by the scrapes or snapshots.
3. Prometheus's memory per series: a real Prometheus (Debian's package) scrapes N simulated hosts every 5 s, each
   serving the real relay's exposition rewritten to U users; after 2 minutes it reads prometheus_tsdb_head_series and
   the server's own go_memstats_heap_inuse_bytes and process_resident_memory_bytes, for two sizes of fleet, and
   gives the memory per series as the slope between the two.

It needs python3 and prometheus (.ci/setup installs it). SYSMEDIC_BIN (or --bin) runs a published binary; by default
the Release build runs under dotnet. Every process it starts is ended when it exits.
"""
import argparse
import base64
import gzip
import http.server
import json
import os
import re
import shutil
import signal
import socket
import socketserver
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
import urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
HZ = os.sysconf("SC_CLK_TCK")
PROCS = []


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / HZ


def start(argv, env=None, log=None):
    p = subprocess.Popen(argv, env=env, stdout=log or subprocess.DEVNULL, stderr=subprocess.STDOUT, start_new_session=True)
    PROCS.append(p)
    return p


def stop_all():
    for p in reversed(PROCS):
        if p.poll() is None:
            p.terminate()
            try:
                p.wait(10)
            except subprocess.TimeoutExpired:
                p.kill()


def wait_for(check, seconds, what):
    end = time.monotonic() + seconds
    while time.monotonic() < end:
        try:
            if check():
                return
        except OSError:
            pass
        time.sleep(0.3)
    sys.exit(f"timed out waiting for {what}")


def scrape(port, secret, gzip_ok=True):
    req = urllib.request.Request(f"http://127.0.0.1:{port}/metrics", headers={"Authorization": f"Bearer {secret}"})
    if gzip_ok:
        req.add_header("Accept-Encoding", "gzip")
    with urllib.request.urlopen(req, timeout=10) as r:
        raw = r.read()
        return raw, r.headers.get("Content-Encoding")


class SnapshotClient:
    """The least WebSocket client that reads the relay's text frames and answers its pings."""

    def __init__(self, port, secret):
        self.sock = socket.create_connection(("127.0.0.1", port))
        key = base64.b64encode(os.urandom(16)).decode()
        self.sock.sendall((f"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                           f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer {secret}\r\n\r\n").encode())
        self.buf = b""
        while b"\r\n\r\n" not in self.buf:
            self.buf += self.sock.recv(4096)
        head, self.buf = self.buf.split(b"\r\n\r\n", 1)
        if b" 101 " not in head.split(b"\r\n")[0]:
            raise RuntimeError(head.decode(errors="replace"))

    def _read(self, n):
        while len(self.buf) < n:
            chunk = self.sock.recv(65536)
            if not chunk:
                raise EOFError
            self.buf += chunk
        out, self.buf = self.buf[:n], self.buf[n:]
        return out

    def next_text(self):
        message = b""
        while True:
            b0, b1 = self._read(2)
            length = b1 & 0x7F
            if length == 126:
                length = int.from_bytes(self._read(2), "big")
            elif length == 127:
                length = int.from_bytes(self._read(8), "big")
            payload = self._read(length)
            opcode = b0 & 0x0F
            if opcode == 0x9:  # ping: a masked pong with the same payload
                mask = os.urandom(4)
                self.sock.sendall(bytes([0x8A, 0x80 | len(payload)]) + mask + bytes(c ^ mask[i % 4] for i, c in enumerate(payload)))
                continue
            if opcode in (0x1, 0x0):
                message += payload
                if b0 & 0x80:
                    return message.decode()
            elif opcode == 0x8:
                raise EOFError

    def close(self):
        self.sock.close()


def relay_figures(binary, seconds):
    work = tempfile.mkdtemp(prefix="sysmedic-prom-bench-")
    port = free_port()
    secret = base64.urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")
    with open(f"{work}/config.yaml", "w") as f:
        f.write(f"data_path: {work}/data\nlog_path: {work}/log\nmonitoring:\n  live_interval: 1\n"
                f"user_filtering:\n  ignore_system_users: false\n  min_cpu_percent: 0\n  min_memory_percent: 0\n  excluded_users: []\n"
                f"websocket:\n  bind: 127.0.0.1\n  port: {port}\n  update_interval: 1\n  secret: {secret}\n")
    env = dict(os.environ, SYSMEDIC_SOCKET=f"{work}/doctor.sock")
    start(binary + ["--doctor-daemon", "--config", f"{work}/config.yaml"], env)
    relay = start(binary + ["--websocket-daemon", "--config", f"{work}/config.yaml"], env)
    wait_for(lambda: b"sysmedic_user_cpu_usage_ratio{" in scrape(port, secret, False)[0], 60, "the relay's first snapshot")
    for _ in range(20):  # warm-up (a JIT build compiles the path)
        scrape(port, secret)

    plain, _ = scrape(port, secret, False)
    packed, encoding = scrape(port, secret)
    text = plain.decode()
    samples = [l for l in text.split("\n") if l and not l.startswith("#")]
    users = {m for m in re.findall(r'sysmedic_user_cpu_usage_ratio\{user="([^"]*)"', text)}
    per_user = sum(1 for l in samples if 'user="' in l and not l.startswith("sysmedic_persistent"))
    wire = len(packed) if encoding == "gzip" else len(gzip.compress(plain))

    def rate(work_for):
        c0, t0 = cpu_seconds(relay.pid), time.monotonic()
        n = work_for()
        return cpu_seconds(relay.pid) - c0, time.monotonic() - t0, n

    def idle():
        time.sleep(seconds)
        return 0

    def scrapes():
        n, end = 0, time.monotonic() + seconds
        while time.monotonic() < end:
            scrape(port, secret)
            n += 1
        return n

    def snapshots():
        n, size, end = 0, 0, time.monotonic() + seconds
        while time.monotonic() < end:
            m = client.next_text()
            if m.startswith('{"type":"snapshot"'):
                n += 1
                size = len(m.encode())
        snapshots.size = size
        return n

    # Idle is measured before and after the two loads, and the mean taken: a JIT build still compiles at first.
    idle_cpu, idle_wall, _ = rate(idle)
    s_cpu, s_wall, s_n = rate(scrapes)
    # Connected only now: a client that reads nothing (and so answers no ping) is dropped by the relay.
    client = SnapshotClient(port, secret)
    client.next_text()
    n_cpu, n_wall, n_n = rate(snapshots)
    client.close()
    idle_cpu2, idle_wall2, _ = rate(idle)
    idle_rate = (idle_cpu + idle_cpu2) / (idle_wall + idle_wall2)
    result = {
        "samples": len(samples), "users": len(users), "samples_per_user": per_user / max(1, len(users)),
        "samples_without_users": len(samples) - per_user,
        "bytes": len(plain), "gzip_bytes": wire, "served_gzip": encoding == "gzip",
        "idle_cpu_ms_per_s": idle_rate * 1000, "idle_first_ms_per_s": idle_cpu / idle_wall * 1000, "idle_last_ms_per_s": idle_cpu2 / idle_wall2 * 1000,
        "scrapes": s_n, "cpu_ms_per_scrape": (s_cpu - idle_rate * s_wall) / s_n * 1000,
        "snapshots": n_n, "snapshot_bytes": snapshots.size, "cpu_ms_per_snapshot": (n_cpu - idle_rate * n_wall) / max(1, n_n) * 1000,
    }
    return result, plain.decode(), work


def synthetic_exposition(real, users):
    """The real exposition with its per-user samples replaced by `users` made-up users of the same families."""
    out, seen = [], set()
    for line in real.split("\n"):
        m = re.match(r'^(sysmedic_user_[a-z_]+)\{user="[^"]*"\} (\S+)$', line)
        if m:
            if m.group(1) not in seen:
                seen.add(m.group(1))
                out.extend(f'{m.group(1)}{{user="user{i:03d}"}} {float(m.group(2)) * (1 + i % 7) / 3}' for i in range(users))
            continue
        out.append(line)
    return "\n".join(out)


def prometheus_memory(body, host_counts, settle):
    prometheus = shutil.which("prometheus") or sys.exit("prometheus is needed (apt-get install prometheus)")
    payload = body.encode()

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            self.send_response(200)
            self.send_header("Content-Type", "text/plain; version=0.0.4")
            self.send_header("Content-Length", str(len(payload)))
            self.end_headers()
            self.wfile.write(payload)

        def log_message(self, *args):
            pass

    server = socketserver.ThreadingTCPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    target = f"127.0.0.1:{server.server_address[1]}"
    rows = []
    for hosts in host_counts:
        work = tempfile.mkdtemp(prefix="sysmedic-prom-mem-")
        web = free_port()
        # One target per simulated host: the same address under a host label of its own, so each is its own series set.
        groups = "\n".join(f'      - targets: ["{target}"]\n        labels: {{host: "h{i:04d}"}}' for i in range(hosts))
        with open(f"{work}/prometheus.yml", "w") as f:
            f.write(f"global:\n  scrape_interval: 5s\nscrape_configs:\n  - job_name: sysmedic\n    static_configs:\n{groups}\n")
        p = start([prometheus, f"--config.file={work}/prometheus.yml", f"--storage.tsdb.path={work}/tsdb",
                   f"--web.listen-address=127.0.0.1:{web}"], log=open(f"{work}/prometheus.log", "w"))

        def own(name):
            """A figure from Prometheus's own /metrics (it does not scrape itself here)."""
            with urllib.request.urlopen(f"http://127.0.0.1:{web}/metrics", timeout=10) as r:
                text = r.read().decode()
            m = re.search(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text, re.M)
            return float(m.group(1)) if m else 0.0

        wait_for(lambda: own("prometheus_tsdb_head_series") > 0, 120, "Prometheus's first scrapes")
        time.sleep(settle)
        appended0, t0 = own("prometheus_tsdb_head_samples_appended_total"), time.monotonic()
        time.sleep(15)
        samples = (own("prometheus_tsdb_head_samples_appended_total") - appended0) / (time.monotonic() - t0)
        series = own("prometheus_tsdb_head_series")
        heap = own("go_memstats_heap_inuse_bytes")
        rss = own("process_resident_memory_bytes")
        rows.append({"hosts": hosts, "series": series, "heap_inuse_mb": heap / 2**20, "rss_mb": rss / 2**20, "samples_per_s": samples})
        p.terminate()
        p.wait(30)
        shutil.rmtree(work, ignore_errors=True)
    server.shutdown()
    return rows


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.environ.get("SYSMEDIC_BIN"))
    parser.add_argument("--seconds", type=float, default=30)
    parser.add_argument("--hosts", default="20,200")
    parser.add_argument("--users", type=int, default=30)
    parser.add_argument("--settle", type=float, default=120)
    args = parser.parse_args()
    if args.bin:
        binary, build = [args.bin], f"published binary {args.bin}"
    else:
        subprocess.run(["dotnet", "build", f"{ROOT}/SysMedic.Tui", "-c", "Release", "--tl:off", "-v", "quiet", "-nologo"], check=True, stdout=subprocess.DEVNULL)
        binary, build = ["dotnet", f"{ROOT}/SysMedic.Tui/bin/Release/net10.0/sysmedic.dll"], "Release build under dotnet (JIT)"
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(1))
    try:
        r, exposition, work = relay_figures(binary, args.seconds)
        load = os.getloadavg()
        print(f"{build}; {os.cpu_count()} CPUs, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f}")
        print()
        print("| per host | |")
        print("|---|--:|")
        print(f"| samples (series) in one scrape | {r['samples']} |")
        print(f"| of which per user | {r['samples'] - r['samples_without_users']} ({r['users']} users, {r['samples_per_user']:.1f} each) |")
        print(f"| without users | {r['samples_without_users']} |")
        print(f"| scrape bytes | {r['bytes']:,} |")
        print(f"| scrape bytes gzip-compressed{'' if r['served_gzip'] else ' (not served so; compressed here)'} | {r['gzip_bytes']:,} |")
        print(f"| snapshot message to a console | {r['snapshot_bytes']:,} |")
        print()
        print("| relay CPU | ms |")
        print("|---|--:|")
        print(f"| idle, per second (before, after) | {r['idle_cpu_ms_per_s']:.2f} ({r['idle_first_ms_per_s']:.2f}, {r['idle_last_ms_per_s']:.2f}) |")
        print(f"| per scrape ({r['scrapes']} one after the other) | {r['cpu_ms_per_scrape']:.2f} |")
        print(f"| per snapshot relayed to one console ({r['snapshots']}) | {r['cpu_ms_per_snapshot']:.2f} |")
        print()
        stop_all()
        shutil.rmtree(work, ignore_errors=True)
        body = synthetic_exposition(exposition, args.users)
        rows = prometheus_memory(body, [int(h) for h in args.hosts.split(",")], args.settle)
        print(f"Prometheus ({subprocess.run(['prometheus', '--version'], capture_output=True, text=True).stdout.split()[2]}), "
              f"simulated hosts of {args.users} users ({len([l for l in body.split(chr(10)) if l and not l.startswith('#')])} samples each), scraped every 5 s, after {args.settle:.0f} s:")
        print()
        print("| hosts | head series | heap in use MB | RSS MB | samples/s |")
        print("|--:|--:|--:|--:|--:|")
        for row in rows:
            print(f"| {row['hosts']} | {row['series']:,.0f} | {row['heap_inuse_mb']:.1f} | {row['rss_mb']:.1f} | {row['samples_per_s']:,.0f} |")
        if len(rows) >= 2:
            a, b = rows[0], rows[-1]
            per_heap = (b["heap_inuse_mb"] - a["heap_inuse_mb"]) * 2**20 / (b["series"] - a["series"])
            per_rss = (b["rss_mb"] - a["rss_mb"]) * 2**20 / (b["series"] - a["series"])
            print()
            print(f"memory per series (slope between {a['hosts']} and {b['hosts']} hosts): heap {per_heap:,.0f} bytes, RSS {per_rss:,.0f} bytes")
    finally:
        stop_all()


if __name__ == "__main__":
    main()

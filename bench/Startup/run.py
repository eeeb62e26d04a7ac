#!/usr/bin/env python3
"""Start-up cost of each sysmedic command beside ps: the median over N runs of the CPU time (user + system, from
wait4's rusage, so the kernel's work to map and start the process counts) and of the peak RSS, and the wall time.

usage: bench/Startup/run.py [--bin PATH] [--runs N] [--only NAME,NAME] [--doctor]

Every command runs on a private configuration in a temporary directory (SYSMEDIC_CONFIG, SYSMEDIC_SOCKET), so a
doctor or relay elsewhere on the machine is neither seen nor disturbed. With --doctor a private doctor is started
first (and ended at the end), so the commands that ask it (alerts, history, usage, db stats) do their real work.
The runs are interleaved: round by round, each command once, in an order that rotates each round, so a burst of
load from elsewhere does not land on one command only.
"""
import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
DEFAULT_BIN = os.path.join(ROOT, "SysMedic.Tui", "bin", "Release", "net10.0", "linux-x64", "publish", "sysmedic")

# name -> arguments. "ps" is the reference: a small C program that reads /proc and prints a line.
COMMANDS = [
    ("ps -p 1", None),
    ("version", ["version"]),
    ("--help", ["--help"]),
    ("config path", ["config", "path"]),
    ("config show", ["config", "show"]),
    ("config validate", ["config", "validate"]),
    ("daemon status", ["daemon", "status"]),
    ("websocket status", ["websocket", "status"]),
    ("db stats", ["db", "stats"]),
    ("alerts", ["alerts"]),
    ("history", ["history"]),
    ("usage", ["usage"]),
    ("users", ["users"]),
    ("report --interval 0.1", ["report", "--interval", "0.1"]),
    ("bad usage", ["no-such-command"]),
]


def run_once(argv, env):
    """Runs argv to the end; returns (cpu ms, peak RSS MiB, wall ms, exit code)."""
    start = time.monotonic()
    proc = subprocess.Popen(argv, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, stdin=subprocess.DEVNULL)
    _, status, usage = os.wait4(proc.pid, 0)
    wall = (time.monotonic() - start) * 1000
    proc.returncode = os.waitstatus_to_exitcode(status)
    cpu = (usage.ru_utime + usage.ru_stime) * 1000
    return cpu, usage.ru_maxrss / 1024, wall, proc.returncode


def start_doctor(binary, env, work):
    doctor = subprocess.Popen([binary, "--doctor-daemon"], env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    db = os.path.join(work, "data", "sysmedic.db")
    for _ in range(150):
        if os.path.exists(env["SYSMEDIC_SOCKET"]) and os.path.exists(db):
            time.sleep(3)  # a first check stored, so history and db stats have rows
            return doctor
        time.sleep(0.2)
    doctor.kill()
    sys.exit("the doctor did not start")


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--bin", default=os.environ.get("SYSMEDIC_BIN", DEFAULT_BIN))
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", default="", help="comma-separated command names (ps is always run)")
    parser.add_argument("--doctor", action="store_true", help="start a private doctor first")
    args = parser.parse_args()
    if not os.path.isfile(args.bin):
        sys.exit(f"no binary at {args.bin}: publish first (packaging/README.md) or pass --bin")
    ps = shutil.which("ps") or sys.exit("ps is needed (procps)")

    wanted = set(filter(None, args.only.split(",")))
    commands = [(n, [ps, "-p", "1"] if a is None else [args.bin, *a]) for n, a in COMMANDS if a is None or not wanted or n in wanted]
    work = tempfile.mkdtemp(prefix="sysmedic-startup-")
    doctor = None
    try:
        config = os.path.join(work, "config.yaml")
        with open(config, "w", encoding="utf-8") as f:
            f.write(f"data_path: {work}/data\nlog_path: {work}/log\nmonitoring:\n  check_interval: 1\n")
        env = dict(os.environ, SYSMEDIC_CONFIG=config, SYSMEDIC_SOCKET=os.path.join(work, "doctor.sock"))
        if args.doctor:
            doctor = start_doctor(args.bin, env, work)

        results = {name: [] for name, _ in commands}
        for _, argv in commands:  # one warm-up run each: the binary's pages in the page cache
            run_once(argv, env)
        for r in range(args.runs):
            order = commands[r % len(commands):] + commands[:r % len(commands)]
            for name, argv in order:
                results[name].append(run_once(argv, env))
    finally:
        if doctor is not None:
            doctor.terminate()
            doctor.wait(10)
        shutil.rmtree(work, ignore_errors=True)

    load = os.getloadavg()
    print(f"binary: {args.bin} ({os.path.getsize(args.bin) / 1e6:.1f} MB); {args.runs} runs each, interleaved; "
          f"{os.cpu_count()} CPUs, load average {load[0]:.1f} {load[1]:.1f} {load[2]:.1f} at the end; "
          f"doctor {'running' if args.doctor else 'not running'}")
    print()
    ps_cpu = statistics.median(c for c, _, _, _ in results["ps -p 1"])
    ps_rss = statistics.median(m for _, m, _, _ in results["ps -p 1"])
    print("| command | CPU ms (median) | CPU ms (min-max) | peak RSS MiB | wall ms | CPU / ps | RSS / ps | exit |")
    print("|---|--:|--:|--:|--:|--:|--:|--:|")
    for name, _ in commands:
        rows = results[name]
        cpu = statistics.median(c for c, _, _, _ in rows)
        rss = statistics.median(m for _, m, _, _ in rows)
        wall = statistics.median(w for _, _, w, _ in rows)
        codes = sorted({c for _, _, _, c in rows})
        low, high = min(c for c, _, _, _ in rows), max(c for c, _, _, _ in rows)
        print(f"| `{name}` | {cpu:.1f} | {low:.0f}-{high:.0f} | {rss:.1f} | {wall:.0f} | {cpu / ps_cpu:.2f} | {rss / ps_rss:.2f} | {','.join(map(str, codes))} |")


if __name__ == "__main__":
    main()

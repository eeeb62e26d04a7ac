#!/usr/bin/env python3
"""Writes the fixture /proc trees t0 and t1 (one second apart, 2 CPUs, USER_HZ 100, 4 KiB pages).

The trees are checked in; run this only to change them. Names are raw bytes, as the kernel writes them.
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

# pid: (comm bytes, state, ppid, uid, threads, rss pages, cmdline bytes, {tree: (utime, stime, starttime)})
PROCS = {
    1: (b"systemd", b"S", 0, 0, 1, 3000, b"/sbin/init\0splash\0", {"t0": (100, 50, 1), "t1": (110, 55, 1)}),
    2: (b"kthreadd", b"S", 0, 0, 1, 0, b"", {"t0": (0, 3, 1), "t1": (0, 3, 1)}),
    100: (b"a) b (c", b"R", 1, 1000, 4, 250000, b"./a) b (c\0--busy\0", {"t0": (1000, 200, 5000), "t1": (1090, 210, 5000)}),
    101: (b"x\ny", b"S", 1, 1000, 1, 1000, b"x\ny\0", {"t0": (10, 10, 5001), "t1": (10, 10, 5001)}),
    102: (b"tab\there", b"S", 1, 1001, 2, 2000, b"tab\there\0", {"t0": (40, 0, 6000), "t1": (60, 0, 6000)}),
    103: (b"\x1b[31mred", b"S", 1, 1001, 1, 500, b"\x1b[31mred\0", {"t0": (1, 1, 6001), "t1": (1, 1, 6001)}),
    104: (b"bad\xff\xfe", b"S", 1, 1002, 1, 700, b"/opt/bad\xff\0", {"t0": (5, 5, 7000), "t1": (15, 5, 7000)}),
    105: (b"", b"S", 1, 1000, 1, 100, b"", {"t0": (0, 0, 7001), "t1": (0, 0, 7001)}),
    106: (b"defunct", b"Z", 100, 1000, 1, 0, b"", {"t0": (3, 1, 7002), "t1": (3, 1, 7002)}),
    107: (b"(sd-pam)", b"S", 1, 1000, 1, 400, b"(sd-pam)\0", {"t0": (0, 0, 7003), "t1": (0, 0, 7003)}),
    110: (b"reused", b"S", 1, 1001, 1, 300, b"reused\0", {"t0": (900, 0, 5000), "t1": (20, 0, 100050)}),
    111: (b"backwards", b"S", 1, 1001, 1, 300, b"backwards\0", {"t0": (500, 0, 8000), "t1": (400, 0, 8000)}),
    112: (b"kworker/1:0H", b"I", 2, 0, 1, 0, b"", {"t0": (0, 7, 2), "t1": (0, 8, 2)}),
    113: (b"late", b"S", 1, 1000, 1, 300, b"late\0", {"t1": (700, 0, 500)}),
    114: (b"(a)))b", b"S", 1, 33, 1, 300, b"(a)))b\0", {"t0": (1, 0, 9000), "t1": (3, 0, 9000)}),
    115: (b"nobodyd", b"S", 1, 65534, 1, 300, b"nobodyd\0", {"t0": (1, 0, 9001), "t1": (1, 0, 9001)}),
}


def stat_line(pid, comm, state, ppid, threads, rss, utime, stime, start):
    # Kernel threads carry PF_KTHREAD (0x200000) in their flags; user processes PF_RANDOMIZE-ish 0x400000.
    flags = b"2129984" if ppid == 0 and pid == 2 or ppid == 2 else b"4194304"
    fields = [state, b"%d" % ppid, b"%d" % pid, b"%d" % pid, b"0", b"-1", flags, b"95", b"0", b"0", b"0",
              b"%d" % utime, b"%d" % stime, b"0", b"0", b"20", b"0", b"%d" % threads, b"0", b"%d" % start,
              b"%d" % (rss * 4096 + 1048576), b"%d" % rss, b"18446744073709551615", b"1", b"1", b"0", b"0", b"0",
              b"0", b"0", b"0", b"0", b"0", b"0", b"0", b"17", b"1", b"0", b"0", b"0", b"0", b"0"]
    return b"%d (" % pid + comm + b") " + b" ".join(fields) + b"\n"


def status_text(comm, uid, threads):
    # The kernel escapes newlines and backslashes in status's Name line.
    name = comm.replace(b"\\", b"\\\\").replace(b"\n", b"\\n")
    return (b"Name:\t" + name + b"\nUmask:\t0022\nState:\tS (sleeping)\nTgid:\t1\nPid:\t1\nPPid:\t0\n"
            b"Uid:\t%d\t%d\t%d\t%d\nGid:\t%d\t%d\t%d\t%d\nThreads:\t%d\n" % (uid, uid, uid, uid, uid, uid, uid, uid, threads))


SYSTEM = {
    "t0": {
        "stat": b"cpu  1000 0 500 8000 100 0 0 0 0 0\ncpu0 500 0 250 4000 50 0 0 0 0 0\ncpu1 500 0 250 4000 50 0 0 0 0 0\n"
                b"intr 12345 0 0\nctxt 99999\nbtime 1700000000\nprocesses 5000\nprocs_running 2\nprocs_blocked 1\n",
        "uptime": b"1000.00 1800.00\n",
        "net/dev": b"Inter-|   Receive                                                |  Transmit\n"
                   b" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
                   b"    lo: 500000 100 0 0 0 0 0 0 500000 100 0 0 0 0 0 0\n"
                   b"  eth0: 10000 50 0 0 0 0 0 0 20000 60 0 0 0 0 0 0\n"
                   b" wlan0: 90000 10 0 0 0 0 0 0 80000 10 0 0 0 0 0 0\n",
    },
    "t1": {
        "stat": b"cpu  1100 0 550 8040 110 0 0 0 0 0\ncpu0 550 0 275 4020 55 0 0 0 0 0\ncpu1 550 0 275 4020 55 0 0 0 0 0\n"
                b"intr 12399 0 0\nctxt 100999\nbtime 1700000000\nprocesses 5003\nprocs_running 3\nprocs_blocked 0\n",
        "uptime": b"1001.00 1801.50\n",
        "net/dev": b"Inter-|   Receive                                                |  Transmit\n"
                   b" face |bytes    packets errs drop fifo frame compressed multicast|bytes    packets errs drop fifo colls carrier compressed\n"
                   b"    lo: 600000 200 0 0 0 0 0 0 600000 200 0 0 0 0 0 0\n"
                   b"  eth0: 11000 60 0 0 0 0 0 0 20500 65 0 0 0 0 0 0\n"
                   b" wlan0: 100 1 0 0 0 0 0 0 50 1 0 0 0 0 0 0\n",
    },
}

MEMINFO = (b"MemTotal:        8000000 kB\nMemFree:         2000000 kB\nMemAvailable:    6000000 kB\n"
           b"Buffers:          100000 kB\nCached:          3000000 kB\nSwapCached:            0 kB\n"
           b"SwapTotal:       1000000 kB\nSwapFree:         750000 kB\n")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


for tree in ("t0", "t1"):
    root = os.path.join(HERE, tree)
    shutil.rmtree(root, ignore_errors=True)
    for name, data in SYSTEM[tree].items():
        write(os.path.join(root, name), data)
    write(os.path.join(root, "meminfo"), MEMINFO)
    write(os.path.join(root, "loadavg"), b"0.52 0.58 0.59 2/123 4567\n")
    for pid, (comm, state, ppid, uid, threads, rss, cmdline, times) in PROCS.items():
        if tree not in times:
            continue
        utime, stime, start = times[tree]
        d = os.path.join(root, str(pid))
        write(os.path.join(d, "stat"), stat_line(pid, comm, state, ppid, threads, rss, utime, stime, start))
        write(os.path.join(d, "status"), status_text(comm, uid, threads))
        write(os.path.join(d, "cmdline"), cmdline)
    # A process whose stat vanished between listing and reading, and one whose stat is cut short.
    write(os.path.join(root, "108", "status"), status_text(b"gone", 1000, 1))
    write(os.path.join(root, "109", "stat"), b"109 (trunc) S 1 109 109 0\n")
    write(os.path.join(root, "109", "status"), status_text(b"trunc", 1000, 1))
    # A process whose stat cannot be read (here a directory: read fails with EISDIR, as an unreadable file would).
    write(os.path.join(root, "120", "stat", "unreadable"), b"")
    # Not a pid.
    write(os.path.join(root, "self-not-a-pid", "stat"), b"")

write(os.path.join(HERE, "passwd"),
      b"root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
      b"www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n# a comment line\nbroken line without fields\n"
      b"alice:x:1000:1000:Alice:/home/alice:/bin/bash\nbob:x:1001:1001:Bob:/home/bob:/bin/bash\n"
      b"nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n")

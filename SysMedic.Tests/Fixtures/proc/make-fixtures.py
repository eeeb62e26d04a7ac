#!/usr/bin/env python3
"""Writes the fixture /proc trees t0 and t1 (one second apart, 2 CPUs, USER_HZ 100, 4 KiB pages) and the /sys trees
beside them (../sys/t0, ../sys/t1: a cgroup v2 host whose user 1000 has a systemd user slice), plus two hosts of one
reading each: "legacy" (cgroup v1 only, no pressure files, no /proc/[pid]/io: a kernel without PSI read by a user
who is not root) and "broken" (a malformed pressure file, a pressure file without its some line, a malformed io file,
a malformed cgroup file and a malformed slice cpu.stat).

The trees are checked in; run this only to change them. Names are raw bytes, as the kernel writes them.
"""
import os
import shutil

HERE = os.path.dirname(os.path.abspath(__file__))

# pid: (comm bytes, state, ppid, uid, threads, rss pages, cmdline bytes, {tree: (utime, stime, starttime)})
# Pid 100 reaps children: its cutime/cstime grow by 40 ticks, 8 of them from cc1 (116), which was seen at t0 and
# ended; the other 32 are children that started and ended between the readings. make (117, bob) started in the
# interval and reaped 20 ticks of children of its own.
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
    116: (b"cc1", b"R", 100, 1000, 1, 900, b"cc1\0-O2\0", {"t0": (6, 2, 99990)}),
    117: (b"make", b"S", 1, 1001, 1, 600, b"make\0-j2\0", {"t1": (30, 5, 100060)}),
}

# Children's times (cutime, cstime) by pid and tree; 0 elsewhere.
CHILDREN = {100: {"t0": (50, 10), "t1": (80, 20)}, 117: {"t1": (20, 0)}}

# /proc/[pid]/io (read_bytes, write_bytes) by pid and tree. 104 has none (another user's process read without
# root). Kernel threads are never read. 100's t1 figures include what it reaped from cc1 (116).
IO = {
    1: {"t0": (5000000, 1000000), "t1": (5004096, 1000000)},
    100: {"t0": (1000000, 500000), "t1": (1800000, 900000)},
    116: {"t0": (100000, 50000)},
    102: {"t0": (0, 4096), "t1": (8192, 8192)},
    117: {"t1": (65536, 0)},
}

# The cgroup v2 path of each user process (kernel threads are in the root cgroup and never read).
SESSION = b"/user.slice/user-1000.slice/session-3.scope"
CGROUP = {
    1: b"/init.scope", 100: SESSION, 101: SESSION, 105: SESSION, 106: SESSION, 113: SESSION, 116: SESSION,
    107: b"/user.slice/user-1000.slice/user@1000.service/init.scope",
    102: b"/system.slice/cron.service", 103: b"/system.slice/cron.service", 110: b"/system.slice/cron.service",
    111: b"/system.slice/cron.service", 117: b"/system.slice/cron.service",
    104: b"/user.slice/user-1002.slice/session-9.scope", 114: b"/system.slice/apache2.service",
    115: b"/system.slice/nobodyd.service",
}


def stat_line(pid, comm, state, ppid, threads, rss, utime, stime, start, cutime=0, cstime=0):
    # Kernel threads carry PF_KTHREAD (0x200000) in their flags; user processes PF_RANDOMIZE-ish 0x400000.
    flags = b"2129984" if ppid == 0 and pid == 2 or ppid == 2 else b"4194304"
    fields = [state, b"%d" % ppid, b"%d" % pid, b"%d" % pid, b"0", b"-1", flags, b"95", b"0", b"0", b"0",
              b"%d" % utime, b"%d" % stime, b"%d" % cutime, b"%d" % cstime, b"20", b"0", b"%d" % threads, b"0", b"%d" % start,
              b"%d" % (rss * 4096 + 1048576), b"%d" % rss, b"18446744073709551615", b"1", b"1", b"0", b"0", b"0",
              b"0", b"0", b"0", b"0", b"0", b"0", b"0", b"17", b"1", b"0", b"0", b"0", b"0", b"0"]
    return b"%d (" % pid + comm + b") " + b" ".join(fields) + b"\n"


def io_text(read, write):
    return (b"rchar: %d\nwchar: %d\nsyscr: 10\nsyscw: 5\nread_bytes: %d\nwrite_bytes: %d\ncancelled_write_bytes: 0\n"
            % (read + 123, write + 45, read, write))


def pressure_text(some, full, some_total, full_total):
    return (b"some avg10=%s avg60=%s avg300=%s total=%d\nfull avg10=%s avg60=%s avg300=%s total=%d\n"
            % (some[0], some[1], some[2], some_total, full[0], full[1], full[2], full_total))


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

# /proc/pressure by tree: (some avgs, full avgs, some total us, full total us). Over the second from t0 to t1: cpu
# some 5%, memory some 10% and full 2%, io some 30% and full 10%.
PRESSURE = {
    "cpu": {"t0": ((b"2.00", b"1.50", b"1.00"), (b"0.00", b"0.00", b"0.00"), 10000000, 0),
            "t1": ((b"4.50", b"1.60", b"1.01"), (b"0.00", b"0.00", b"0.00"), 10050000, 0)},
    "memory": {"t0": ((b"8.00", b"3.00", b"1.00"), (b"1.50", b"0.50", b"0.10"), 2000000, 1000000),
               "t1": ((b"9.10", b"3.20", b"1.02"), (b"1.70", b"0.52", b"0.11"), 2100000, 1020000)},
    "io": {"t0": ((b"25.00", b"10.00", b"3.00"), (b"8.00", b"2.00", b"0.50"), 3000000, 2500000),
           "t1": ((b"28.00", b"10.50", b"3.10"), (b"9.00", b"2.10", b"0.52"), 3300000, 2600000)},
}

# The user slice of uid 1000 by tree: cpu.stat usage_usec (1.25 s of CPU between the readings) and memory pressure.
SLICE = {"t0": (5000000, 400000), "t1": (6250000, 450000)}

MEMINFO = (b"MemTotal:        8000000 kB\nMemFree:         2000000 kB\nMemAvailable:    6000000 kB\n"
           b"Buffers:          100000 kB\nCached:          3000000 kB\nSwapCached:            0 kB\n"
           b"SwapTotal:       1000000 kB\nSwapFree:         750000 kB\n")


def write(path, data):
    os.makedirs(os.path.dirname(path), exist_ok=True)
    with open(path, "wb") as f:
        f.write(data)


SYS = os.path.join(os.path.dirname(HERE), "sys")


def write_procs(root, tree, cgroup_line, with_io):
    for pid, (comm, state, ppid, uid, threads, rss, cmdline, times) in PROCS.items():
        if tree not in times:
            continue
        utime, stime, start = times[tree]
        cutime, cstime = CHILDREN.get(pid, {}).get(tree, (0, 0))
        d = os.path.join(root, str(pid))
        write(os.path.join(d, "stat"), stat_line(pid, comm, state, ppid, threads, rss, utime, stime, start, cutime, cstime))
        write(os.path.join(d, "status"), status_text(comm, uid, threads))
        write(os.path.join(d, "cmdline"), cmdline)
        if pid in CGROUP:
            write(os.path.join(d, "cgroup"), cgroup_line(CGROUP[pid]))
        if with_io and pid != 104 and ppid != 2 and pid != 2:
            read, written = IO.get(pid, {}).get(tree, (0, 0))
            write(os.path.join(d, "io"), io_text(read, written))
    # A process whose stat vanished between listing and reading, and one whose stat is cut short.
    write(os.path.join(root, "108", "status"), status_text(b"gone", 1000, 1))
    write(os.path.join(root, "109", "stat"), b"109 (trunc) S 1 109 109 0\n")
    write(os.path.join(root, "109", "status"), status_text(b"trunc", 1000, 1))
    # A process whose stat cannot be read (here a directory: read fails with EISDIR, as an unreadable file would).
    write(os.path.join(root, "120", "stat", "unreadable"), b"")
    # Not a pid.
    write(os.path.join(root, "self-not-a-pid", "stat"), b"")


def write_system(root, tree, hostname):
    for name, data in SYSTEM[tree].items():
        write(os.path.join(root, name), data)
    write(os.path.join(root, "meminfo"), MEMINFO)
    write(os.path.join(root, "loadavg"), b"0.52 0.58 0.59 2/123 4567\n")
    write(os.path.join(root, "sys", "kernel", "hostname"), hostname + b"\n")


def write_v2_sys(root, tree):
    cg = os.path.join(root, "fs", "cgroup")
    write(os.path.join(cg, "cgroup.controllers"), b"cpuset cpu io memory hugetlb pids rdma misc\n")
    write(os.path.join(cg, "user.slice", "cgroup.controllers"), b"cpu io memory pids\n")
    usage, _ = SLICE[tree]
    s = os.path.join(cg, "user.slice", "user-1000.slice")
    write(os.path.join(s, "cpu.stat"), b"usage_usec %d\nuser_usec %d\nsystem_usec %d\nnice_usec 0\n"
          b"nr_periods 0\nnr_throttled 0\nthrottled_usec 0\n" % (usage, usage * 9 // 10, usage // 10))
    mem_some = {"t0": 400000, "t1": 450000}[tree]
    write(os.path.join(s, "memory.pressure"), pressure_text((b"3.00", b"1.00", b"0.20"), (b"0.50", b"0.10", b"0.00"), mem_some, 100000))
    write(os.path.join(s, "cpu.pressure"), pressure_text((b"1.00", b"0.50", b"0.10"), (b"0.00", b"0.00", b"0.00"), 200000, 0))
    write(os.path.join(s, "io.pressure"), pressure_text((b"0.00", b"0.00", b"0.00"), (b"0.00", b"0.00", b"0.00"), 0, 0))
    # Not a user slice: ignored.
    write(os.path.join(cg, "user.slice", "cgroup.procs"), b"")
    write(os.path.join(cg, "system.slice", "cron.service", "cpu.stat"), b"usage_usec 999\n")


for tree in ("t0", "t1"):
    root = os.path.join(HERE, tree)
    shutil.rmtree(root, ignore_errors=True)
    write_system(root, tree, b"web01")
    for resource, by_tree in PRESSURE.items():
        some, full, some_total, full_total = by_tree[tree]
        write(os.path.join(root, "pressure", resource), pressure_text(some, full, some_total, full_total))
    write_procs(root, tree, lambda path: b"0::" + path + b"\n", with_io=True)
    sys_root = os.path.join(SYS, tree)
    shutil.rmtree(sys_root, ignore_errors=True)
    write_v2_sys(sys_root, tree)

# legacy: cgroup v1 only (systemd's named hierarchy and controllers, no 0:: line), no /proc/pressure, no io files.
root = os.path.join(HERE, "legacy")
shutil.rmtree(root, ignore_errors=True)
write_system(root, "t1", b"legacy01")
write_procs(root, "t1", lambda path: b"12:pids:" + path + b"\n4:memory:" + path + b"\n1:name=systemd:" + path + b"\n", with_io=False)
sys_root = os.path.join(SYS, "legacy")
shutil.rmtree(sys_root, ignore_errors=True)
write(os.path.join(sys_root, "fs", "cgroup", "memory", "memory.usage_in_bytes"), b"123456\n")
write(os.path.join(sys_root, "fs", "cgroup", "systemd", "user.slice", "user-1000.slice", "cgroup.procs"), b"100\n")

# broken: t1 with a malformed file of each new kind.
root = os.path.join(HERE, "broken")
shutil.rmtree(root, ignore_errors=True)
write_system(root, "t1", b"broken01")
write_procs(root, "t1", lambda path: b"0::" + path + b"\n", with_io=True)
write(os.path.join(root, "pressure", "cpu"), b"some avg10=lots avg60=0.00 avg300=0.00 total=1\n")
write(os.path.join(root, "pressure", "memory"), b"full avg10=0.00 avg60=0.00 avg300=0.00 total=0\n")
some, full, some_total, full_total = PRESSURE["io"]["t1"]
write(os.path.join(root, "pressure", "io"), pressure_text(some, full, some_total, full_total))
write(os.path.join(root, "100", "io"), b"rchar: 1\nread_bytes: many\nwrite_bytes: 0\n")
write(os.path.join(root, "101", "cgroup"), b"garbage without colons\n")
sys_root = os.path.join(SYS, "broken")
shutil.rmtree(sys_root, ignore_errors=True)
write_v2_sys(sys_root, "t1")
write(os.path.join(sys_root, "fs", "cgroup", "user.slice", "user-1000.slice", "cpu.stat"), b"usage_usec lots\n")
bob = os.path.join(sys_root, "fs", "cgroup", "user.slice", "user-1001.slice")
write(os.path.join(bob, "cpu.stat"), b"usage_usec 42000000\nuser_usec 40000000\nsystem_usec 2000000\n")

write(os.path.join(HERE, "passwd"),
      b"root:x:0:0:root:/root:/bin/bash\ndaemon:x:1:1:daemon:/usr/sbin:/usr/sbin/nologin\n"
      b"www-data:x:33:33:www-data:/var/www:/usr/sbin/nologin\n# a comment line\nbroken line without fields\n"
      b"alice:x:1000:1000:Alice:/home/alice:/bin/bash\nbob:x:1001:1001:Bob:/home/bob:/bin/bash\n"
      b"nobody:x:65534:65534:nobody:/nonexistent:/usr/sbin/nologin\n")

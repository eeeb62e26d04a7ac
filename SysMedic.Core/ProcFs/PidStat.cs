namespace SysMedic.Core.ProcFs;

/// <summary>
/// One line of <c>/proc/[pid]/stat</c>, proc_pid_stat(5):
/// <c>1234 (a) b (c) S 1 1234 1234 0 -1 4194304 95 0 0 0 3 1 0 0 20 0 1 0 123456 2265088 182 ...</c>.
/// Times are in clock ticks, <see cref="RssPages"/> in pages. <see cref="ChildrenUtimeTicks"/> and
/// <see cref="ChildrenStimeTicks"/> (cutime, cstime) are the times of the children this process has waited for,
/// each with its own waited-for children: the CPU of processes that ended, charged to the one that reaped them.
/// </summary>
public readonly record struct PidStat(
    int Pid,
    byte State,
    int Ppid,
    ulong UtimeTicks,
    ulong StimeTicks,
    int Priority,
    int Nice,
    int Threads,
    ulong StartTimeTicks,
    long RssPages,
    uint Flags = 0,
    ulong ChildrenUtimeTicks = 0,
    ulong ChildrenStimeTicks = 0)
{
    /// <summary>PF_KTHREAD in the flags field: a kernel thread, which has no command line and renames itself.</summary>
    public const uint KernelThreadFlag = 0x00200000;

    /// <summary>Whether this is a kernel thread.</summary>
    public bool IsKernelThread => (Flags & KernelThreadFlag) != 0;

    /// <summary>User plus system time, in clock ticks.</summary>
    public ulong CpuTicks => UtimeTicks + StimeTicks;

    /// <summary>User plus system time of the waited-for children, in clock ticks (cutime + cstime).</summary>
    public ulong ChildrenCpuTicks => ChildrenUtimeTicks + ChildrenStimeTicks;

    /// <summary>
    /// Parses a stat line. <paramref name="comm"/> is where the command name lies in <paramref name="line"/>: between
    /// the first <c>(</c> and the LAST <c>)</c>, since the name itself may hold parentheses, spaces and newlines.
    /// </summary>
    public static bool TryParse(ReadOnlySpan<byte> line, out PidStat stat, out Range comm)
    {
        stat = default;
        comm = default;
        int open = line.IndexOf((byte)'(');
        int close = line.LastIndexOf((byte)')');
        if (open <= 0 || close < open)
        {
            return false;
        }

        var head = new SpanReader(line[..open]);
        if (!head.NextInt64(out long pid) || pid <= 0 || pid > int.MaxValue)
        {
            return false;
        }

        comm = new Range(open + 1, close);
        var r = new SpanReader(line[(close + 1)..]);
        ReadOnlySpan<byte> state = r.NextField();
        if (state.Length != 1
            || !r.NextInt64(out long ppid)
            || !r.Skip(4)                       // pgrp session tty_nr tpgid
            || !r.NextUInt64(out ulong flags)
            || !r.Skip(4)                       // minflt cminflt majflt cmajflt
            || !r.NextUInt64(out ulong utime)
            || !r.NextUInt64(out ulong stime)
            || !r.NextInt64(out long cutime)
            || !r.NextInt64(out long cstime)
            || !r.NextInt64(out long priority)
            || !r.NextInt64(out long nice)
            || !r.NextInt64(out long threads)
            || !r.Skip(1)                       // itrealvalue
            || !r.NextUInt64(out ulong start)
            || !r.Skip(1)                       // vsize
            || !r.NextInt64(out long rss))
        {
            return false;
        }

        // cutime and cstime are signed in the kernel's format (clock_t); they never go below zero in practice.
        stat = new PidStat((int)pid, state[0], (int)ppid, utime, stime, (int)priority, (int)nice, (int)threads, start, Math.Max(0, rss), (uint)flags, (ulong)Math.Max(0, cutime), (ulong)Math.Max(0, cstime));
        return true;
    }
}

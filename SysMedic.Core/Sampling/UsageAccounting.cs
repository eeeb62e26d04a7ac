using System.Buffers;

namespace SysMedic.Core.Sampling;

/// <summary>
/// Exact CPU between two readings, the way netdata's apps.plugin does it, with no privileges: a process's own ticks,
/// plus the ticks its children gained (cutime + cstime grow when it waits for a child that ended, by everything that
/// child and its own waited-for children used), less what those children had already been counted for while they
/// were seen alive. The rest is the CPU of processes that started and ended between two readings, charged to the
/// reaping parent's user. Disk bytes are done the same way, since the kernel adds an ended child's I/O to the
/// parent's /proc/[pid]/io.
/// </summary>
internal static class UsageAccounting
{
    // How far up the parent chain an ended process's reaper is looked for.
    private const int MaxAncestors = 64;

    /// <summary>
    /// Fills <paramref name="deltas"/>[i] for each process of <paramref name="current"/> (same order). A process
    /// absent from <paramref name="previous"/> that started after it (<paramref name="previousBootTicks"/>) used all
    /// its time in the interval; one that did not (a long-running process the previous scan missed) counts zero.
    /// </summary>
    public static void Deltas(RawReading? previous, RawReading current, double previousBootTicks, Span<ProcessDelta> deltas)
    {
        ReadOnlySpan<ProcessSample> now = current.Processes;
        ReadOnlySpan<ProcessSample> before = previous is null ? [] : previous.Processes;
        int[] vanished = ArrayPool<int>.Shared.Rent(Math.Max(16, before.Length));
        int gone = 0;
        int j = 0;
        for (int i = 0; i < now.Length; i++)
        {
            ref readonly ProcessSample p = ref now[i];
            while (j < before.Length && before[j].Pid < p.Pid)
            {
                vanished[gone++] = j++;
            }

            if (j < before.Length && before[j].Pid == p.Pid && before[j].Info.StartTimeTicks == p.Info.StartTimeTicks)
            {
                ref readonly ProcessSample b = ref before[j++];
                bool io = p.IoKnown && b.IoKnown;
                deltas[i] = new ProcessDelta
                {
                    OwnTicks = SnapshotBuilder.Delta(b.CpuTicks, p.CpuTicks),
                    ChildrenTicks = SnapshotBuilder.Delta(b.ChildrenCpuTicks, p.ChildrenCpuTicks),
                    ReadBytes = io ? SnapshotBuilder.Delta(b.ReadBytes, p.ReadBytes) : 0,
                    WriteBytes = io ? SnapshotBuilder.Delta(b.WriteBytes, p.WriteBytes) : 0,
                    IoKnown = io,
                };
                continue;
            }

            if (j < before.Length && before[j].Pid == p.Pid)
            {
                // The pid was reused: the earlier process ended.
                vanished[gone++] = j++;
            }

            bool isNew = previous is not null && p.Info.StartTimeTicks >= previousBootTicks;
            deltas[i] = isNew
                ? new ProcessDelta { OwnTicks = p.CpuTicks, ChildrenTicks = p.ChildrenCpuTicks, ReadBytes = p.ReadBytes, WriteBytes = p.WriteBytes, IoKnown = p.IoKnown, IsNew = true }
                : default;
        }

        while (j < before.Length)
        {
            vanished[gone++] = j++;
        }

        for (int k = 0; k < gone; k++)
        {
            Discount(before, now, before[vanished[k]], deltas);
        }

        ArrayPool<int>.Shared.Return(vanished);
    }

    // An ended process was reaped by its parent, or by the nearest ancestor still alive when its parent ended first
    // (an orphan goes to a subreaper or init instead: then this takes from the wrong ancestor, saturating at zero,
    // and the orphan's unseen part is charged to whoever reaped it). What it used while seen is not counted again.
    private static void Discount(ReadOnlySpan<ProcessSample> before, ReadOnlySpan<ProcessSample> now, in ProcessSample ended, Span<ProcessDelta> deltas)
    {
        int ppid = ended.Ppid;
        for (int depth = 0; ppid > 0 && depth < MaxAncestors; depth++)
        {
            int q = Find(before, ppid);
            if (q < 0)
            {
                return;
            }

            int r = Find(now, ppid);
            if (r >= 0 && now[r].Info.StartTimeTicks == before[q].Info.StartTimeTicks)
            {
                ref ProcessDelta d = ref deltas[r];
                d.ChildrenTicks = Subtract(d.ChildrenTicks, ended.CpuTicks + ended.ChildrenCpuTicks);
                if (d.IoKnown && ended.IoKnown)
                {
                    d.ReadBytes = Subtract(d.ReadBytes, ended.ReadBytes);
                    d.WriteBytes = Subtract(d.WriteBytes, ended.WriteBytes);
                }

                return;
            }

            ppid = before[q].Ppid;
        }
    }

    private static ulong Subtract(ulong from, ulong amount) => from > amount ? from - amount : 0;

    private static int Find(ReadOnlySpan<ProcessSample> sorted, int pid)
    {
        int lo = 0, hi = sorted.Length - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) >>> 1;
            int at = sorted[mid].Pid;
            if (at == pid)
            {
                return mid;
            }

            if (at < pid)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid - 1;
            }
        }

        return -1;
    }
}

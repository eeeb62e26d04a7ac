using System.Buffers;
using SysMedic.Core.Health;
using SysMedic.Core.ProcFs;

namespace SysMedic.Core.Sampling;

/// <summary>
/// Two readings and the monotonic time between them make a <see cref="Snapshot"/>. Deltas saturate at zero
/// (counters reset, pids are reused), a zero interval gives zero rates, and a process's CPU% is capped at the
/// whole machine. Users' CPU is exact (<see cref="UsageAccounting"/>, <see cref="SliceUsage"/>).
/// </summary>
public static class SnapshotBuilder
{
    /// <summary>
    /// Builds the snapshot of <paramref name="current"/>, with rates over <paramref name="elapsed"/> since
    /// <paramref name="previous"/> (null: a first reading, all rates zero). <paramref name="names"/> names a user
    /// seen only through their slice (the uid as a number without it).
    /// </summary>
    public static Snapshot Build(RawReading? previous, RawReading current, TimeSpan elapsed, SamplerOptions options, int persistentUsers = 0, Func<uint, string>? names = null)
    {
        ArgumentNullException.ThrowIfNull(current);
        ArgumentNullException.ThrowIfNull(options);
        double seconds = previous is null ? 0 : Math.Max(0, elapsed.TotalSeconds);
        SystemSample sys = current.System;
        long memTotal = sys.Memory.TotalBytes;
        ProcessDelta[] deltas = ArrayPool<ProcessDelta>.Shared.Rent(Math.Max(1, current.ProcessCount));
        try
        {
            // A process absent from the previous reading that started after it used all its CPU time in the interval.
            double previousBootTicks = previous is null ? double.MaxValue : previous.System.UptimeSeconds * options.ClockTicksPerSecond;
            Span<ProcessDelta> d = deltas.AsSpan(0, current.ProcessCount);
            UsageAccounting.Deltas(previous, current, previousBootTicks, d);
            ProcessUsage[] processes = BuildProcesses(current, d, seconds, options, memTotal);
            (InterfaceUsage[] interfaces, double rx, double tx) = BuildNetwork(previous?.System, sys, seconds);
            SystemUsage system = BuildSystem(previous?.System, sys, seconds, rx, tx);
            var input = new UserAggregator.Input(processes, current.Processes, d, seconds * current.System.Stat.CpuCount, options.ClockTicksPerSecond)
            {
                Slices = SliceUsage.Between(previous?.System, sys, seconds),
                Names = names,
            };
            (IReadOnlyList<UserUsage> users, IReadOnlyList<UserUsage> all) = UserAggregator.Aggregate(input, options.Filter, seconds);
            SystemStatus status = StatusClassifier.Classify(system, users, options.Thresholds, persistentUsers);
            return new Snapshot(current.WallTime, options.Hostname, status, system, users, processes)
            {
                Interfaces = interfaces,
                Interval = TimeSpan.FromSeconds(seconds),
                AllUsers = all,
            };
        }
        finally
        {
            ArrayPool<ProcessDelta>.Shared.Return(deltas);
        }
    }

    /// <summary>Busy share of all CPUs between two /proc/stat readings, 0..100.</summary>
    public static double CpuPercent(CpuTimes before, CpuTimes after)
    {
        ulong total = Delta(before.Total, after.Total);
        ulong idle = Delta(before.IdleTotal, after.IdleTotal);
        return total == 0 ? 0 : Math.Clamp(100.0 * (total - Math.Min(idle, total)) / total, 0, 100);
    }

    private static SystemUsage BuildSystem(SystemSample? previous, SystemSample sys, double seconds, double rx, double tx)
    {
        long memTotal = sys.Memory.TotalBytes;
        return new SystemUsage(
            CpuPercent: previous is null ? 0 : CpuPercent(previous.Stat.Cpu, sys.Stat.Cpu),
            MemoryPercent: Percent(sys.Memory.UsedBytes, memTotal),
            MemoryUsedBytes: sys.Memory.UsedBytes,
            MemoryTotalBytes: memTotal,
            DiskPercent: sys.Disk.UsedPercent,
            NetworkRxBytesPerSec: rx,
            NetworkTxBytesPerSec: tx,
            LoadAvg1: sys.Load.Load1,
            LoadAvg5: sys.Load.Load5,
            LoadAvg15: sys.Load.Load15,
            UptimeSeconds: sys.UptimeSeconds,
            CpuCount: sys.Stat.CpuCount)
        {
            DiskUsedBytes = sys.Disk.UsedBytes,
            DiskTotalBytes = sys.Disk.TotalBytes,
            SwapUsedBytes = Math.Max(0, sys.Memory.SwapTotalBytes - sys.Memory.SwapFreeBytes),
            SwapTotalBytes = sys.Memory.SwapTotalBytes,
            ProcsRunning = sys.Stat.ProcsRunning,
            CpuPerCorePercent = PerCore(previous?.Stat.PerCpu, sys.Stat.PerCpu),
            ProcessesStarted = previous is null ? 0 : (long)Delta(previous.Stat.Forks, sys.Stat.Forks),
            Pressure = ResourcePressure.Of(
                PressureUsage.From(previous?.CpuPressure, sys.CpuPressure, seconds),
                PressureUsage.From(previous?.MemoryPressure, sys.MemoryPressure, seconds),
                PressureUsage.From(previous?.IoPressure, sys.IoPressure, seconds)),
        };
    }

    private static double[] PerCore(IReadOnlyList<CpuTimes>? before, IReadOnlyList<CpuTimes>? after)
    {
        // A CPU taken offline or brought back changes the lines: no per-core figures for that one interval.
        if (before is null || after is null || before.Count != after.Count)
        {
            return [];
        }

        var result = new double[after.Count];
        for (int i = 0; i < result.Length; i++)
        {
            result[i] = CpuPercent(before[i], after[i]);
        }

        return result;
    }

    private static ProcessUsage[] BuildProcesses(RawReading current, ReadOnlySpan<ProcessDelta> deltas, double seconds, SamplerOptions options, long memTotal)
    {
        ReadOnlySpan<ProcessSample> now = current.Processes;
        double ticksPerSecond = options.ClockTicksPerSecond;

        // The CPU time the whole machine had in the interval, in ticks; a process's share of it is its CPU%.
        double machineTicks = seconds * ticksPerSecond * current.System.Stat.CpuCount;
        var result = new ProcessUsage[now.Length];
        for (int i = 0; i < now.Length; i++)
        {
            ref readonly ProcessSample p = ref now[i];
            ref readonly ProcessDelta d = ref deltas[i];
            double cpu = machineTicks <= 0 ? 0 : Math.Min(100, 100.0 * d.OwnTicks / machineTicks);
            long rss = p.RssPages * options.PageSize;
            ProcessInfo info = p.Info;
            bool io = d.IoKnown && seconds > 0;
            result[i] = new ProcessUsage(info.Pid, p.Ppid, info.Uid, info.User, info.Name, (char)p.State, cpu, Percent(rss, memTotal), rss, p.Threads, info.Cmdline)
            {
                Nice = p.Nice,
                Priority = p.Priority,
                VirtualBytes = (long)Math.Min(p.VirtualBytes, long.MaxValue),
                CpuTimeSeconds = p.CpuTicks / ticksPerSecond,
                StartTimeSeconds = info.StartTimeTicks / ticksPerSecond,
                DiskReadBytesPerSec = io ? d.ReadBytes / seconds : null,
                DiskWriteBytesPerSec = io ? d.WriteBytes / seconds : null,
                Cgroup = info.Cgroup.Length > 0 ? info.Cgroup : null,
            };
        }

        return result;
    }

    private static (InterfaceUsage[] Interfaces, double Rx, double Tx) BuildNetwork(SystemSample? previous, SystemSample current, double seconds)
    {
        var result = new InterfaceUsage[current.Interfaces.Count];
        double rxTotal = 0, txTotal = 0;
        for (int i = 0; i < result.Length; i++)
        {
            InterfaceCounters now = current.Interfaces[i];
            double rx = 0, tx = 0;
            if (seconds > 0 && previous is not null && Find(previous.Interfaces, now.Name) is { } before)
            {
                rx = Delta(before.RxBytes, now.RxBytes) / seconds;
                tx = Delta(before.TxBytes, now.TxBytes) / seconds;
            }

            result[i] = new InterfaceUsage(now.Name, rx, tx, now.IsLoopback) { RxBytes = now.RxBytes, TxBytes = now.TxBytes };
            if (!now.IsLoopback)
            {
                rxTotal += rx;
                txTotal += tx;
            }
        }

        return (result, rxTotal, txTotal);
    }

    private static InterfaceCounters? Find(IReadOnlyList<InterfaceCounters> interfaces, string name)
    {
        foreach (InterfaceCounters i in interfaces)
        {
            if (i.Name == name)
            {
                return i;
            }
        }

        return null;
    }

    /// <summary>after - before, or 0 when the counter went backwards (reset, wrap, reused pid).</summary>
    internal static ulong Delta(ulong before, ulong after) => after >= before ? after - before : 0;

    private static double Percent(long part, long whole) => whole <= 0 ? 0 : Math.Clamp(100.0 * part / whole, 0, 100);
}

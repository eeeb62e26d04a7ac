namespace SysMedic.Core.ProcFs;

/// <summary>
/// <c>/proc/stat</c>, proc_stat(5): <c>cpu  4705 356 584 3699 23 23 0 0 0 0</c>, one <c>cpuN</c> line per online
/// CPU, then counters such as <c>processes 5000</c> (forks since boot) and <c>procs_running 2</c>.
/// </summary>
public readonly record struct SystemStat(CpuTimes Cpu, int CpuCount, int ProcsRunning, int ProcsBlocked, ulong Forks = 0)
{
    /// <summary>Parses the file; false when the <c>cpu</c> line is missing or malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out SystemStat stat)
    {
        stat = default;
        CpuTimes? cpu = null;
        int cpus = 0;
        long running = 0, blocked = 0;
        ulong forks = 0;
        var r = new SpanReader(text);
        while (!r.Rest.IsEmpty)
        {
            ReadOnlySpan<byte> key = r.NextField();
            if (key.SequenceEqual("cpu"u8))
            {
                cpu = ParseCpu(ref r);
            }
            else if (key.Length > 3 && key.StartsWith("cpu"u8))
            {
                cpus++;
            }
            else if (key.SequenceEqual("procs_running"u8))
            {
                _ = r.NextInt64(out running);
            }
            else if (key.SequenceEqual("procs_blocked"u8))
            {
                _ = r.NextInt64(out blocked);
            }
            else if (key.SequenceEqual("processes"u8))
            {
                _ = r.NextUInt64(out forks);
            }

            r.SkipLine();
        }

        if (cpu is not { } times)
        {
            return false;
        }

        stat = new SystemStat(times, Math.Max(1, cpus), (int)running, (int)blocked, forks);
        return true;
    }

    private static CpuTimes? ParseCpu(ref SpanReader r)
    {
        Span<ulong> v = stackalloc ulong[8];
        int n = 0;
        // Older kernels have fewer columns (no steal); missing ones stay 0.
        while (n < v.Length && r.NextUInt64(out ulong value))
        {
            v[n++] = value;
        }

        return n < 4 ? null : new CpuTimes(v[0], v[1], v[2], v[3], v[4], v[5], v[6], v[7]);
    }
}

namespace SysMedic.Core.ProcFs;

/// <summary>
/// A cgroup v2 <c>cpu.stat</c> (Documentation/admin-guide/cgroup-v2.rst): lines such as <c>usage_usec 6240587369</c>,
/// <c>user_usec 5816826574</c>, <c>system_usec 423760794</c>. The CPU time of every task that ever ran in the
/// cgroup or below it, charged as it ran (no process has to be seen, or reaped by anyone), in microseconds.
/// Present whether or not the cpu controller is enabled.
/// </summary>
public readonly record struct CgroupCpuStat(ulong UsageMicroseconds, ulong UserMicroseconds, ulong SystemMicroseconds)
{
    /// <summary>Parses the file; false when <c>usage_usec</c> is missing or malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out CgroupCpuStat stat)
    {
        stat = default;
        ulong usage = 0, user = 0, system = 0;
        bool haveUsage = false;
        var r = new SpanReader(text);
        while (!r.Rest.IsEmpty)
        {
            ReadOnlySpan<byte> key = r.NextField();
            if (key.SequenceEqual("usage_usec"u8))
            {
                haveUsage = r.NextUInt64(out usage);
                if (!haveUsage)
                {
                    return false;
                }
            }
            else if (key.SequenceEqual("user_usec"u8))
            {
                _ = r.NextUInt64(out user);
            }
            else if (key.SequenceEqual("system_usec"u8))
            {
                _ = r.NextUInt64(out system);
            }

            r.SkipLine();
        }

        if (!haveUsage)
        {
            return false;
        }

        stat = new CgroupCpuStat(usage, user, system);
        return true;
    }
}

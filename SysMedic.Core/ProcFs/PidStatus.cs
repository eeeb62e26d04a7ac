namespace SysMedic.Core.ProcFs;

/// <summary>
/// The owner lines of <c>/proc/[pid]/status</c>, proc_pid_status(5): <c>Uid:\t1000\t1000\t1000\t1000</c>
/// (real, effective, saved, filesystem).
/// </summary>
public readonly record struct PidStatus(uint RealUid, uint EffectiveUid)
{
    /// <summary>Parses the <c>Uid:</c> line out of a status file; false when it is missing or malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out PidStatus status)
    {
        status = default;
        ReadOnlySpan<byte> rest = text;
        while (!rest.IsEmpty)
        {
            int nl = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = nl < 0 ? rest : rest[..nl];
            rest = nl < 0 ? [] : rest[(nl + 1)..];
            if (!line.StartsWith("Uid:"u8))
            {
                continue;
            }

            var r = new SpanReader(line[4..]);
            if (r.NextUInt64(out ulong real) && r.NextUInt64(out ulong effective) && real <= uint.MaxValue && effective <= uint.MaxValue)
            {
                status = new PidStatus((uint)real, (uint)effective);
                return true;
            }

            return false;
        }

        return false;
    }
}

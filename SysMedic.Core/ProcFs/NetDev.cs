using System.Text;

namespace SysMedic.Core.ProcFs;

/// <summary>
/// <c>/proc/net/dev</c>: two header lines, then one line per interface,
/// <c>  eth0: 1234 10 0 0 0 0 0 0 5678 12 0 0 0 0 0 0</c> (receive bytes packets errs drop fifo frame compressed
/// multicast, then transmit bytes packets ...).
/// </summary>
public static class NetDev
{
    /// <summary>Appends every well-formed interface line to <paramref name="into"/>; malformed lines are skipped.</summary>
    public static void Parse(ReadOnlySpan<byte> text, List<InterfaceCounters> into)
    {
        ReadOnlySpan<byte> rest = text;
        while (!rest.IsEmpty)
        {
            int nl = rest.IndexOf((byte)'\n');
            ReadOnlySpan<byte> line = nl < 0 ? rest : rest[..nl];
            rest = nl < 0 ? [] : rest[(nl + 1)..];

            // Old kernels glue the name to the first number ("eth0:123"), so split at the colon, not at spaces.
            int colon = line.IndexOf((byte)':');
            if (colon <= 0)
            {
                continue;
            }

            ReadOnlySpan<byte> name = line[..colon].Trim((byte)' ');
            var r = new SpanReader(line[(colon + 1)..]);
            if (name.IsEmpty
                || !r.NextUInt64(out ulong rxBytes) || !r.NextUInt64(out ulong rxPackets)
                || !r.Skip(6)
                || !r.NextUInt64(out ulong txBytes) || !r.NextUInt64(out ulong txPackets))
            {
                continue;
            }

            into.Add(new InterfaceCounters(Encoding.UTF8.GetString(name), rxBytes, rxPackets, txBytes, txPackets));
        }
    }
}

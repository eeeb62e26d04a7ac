namespace SysMedic.Core.Storage;

/// <summary>
/// The <c>pids</c> column: at most <see cref="MaxStoredPids"/> PIDs, sorted, as LEB128 varints of the first PID and
/// then the gaps. Eight PIDs take 10 to 25 bytes instead of about 50 as comma-separated text.
/// </summary>
public static class PidListCodec
{
    /// <summary>How many of a user's PIDs a row keeps (the first ones given, which the agent orders heaviest first).</summary>
    public const int MaxStoredPids = 8;

    /// <summary>The column value for <paramref name="pids"/>: null for none.</summary>
    public static byte[]? Encode(IReadOnlyList<int> pids)
    {
        if (pids.Count == 0)
        {
            return null;
        }

        int[] kept = pids.Take(MaxStoredPids).Where(p => p > 0).Distinct().Order().ToArray();
        Span<byte> buffer = stackalloc byte[MaxStoredPids * 5];
        int length = 0;
        int previous = 0;
        foreach (int pid in kept)
        {
            uint value = (uint)(pid - previous);
            previous = pid;
            while (value >= 0x80)
            {
                buffer[length++] = (byte)(value | 0x80);
                value >>= 7;
            }

            buffer[length++] = (byte)value;
        }

        return buffer[..length].ToArray();
    }

    /// <summary>The PIDs stored in <paramref name="encoded"/>, ascending; a damaged tail is ignored.</summary>
    public static IReadOnlyList<int> Decode(ReadOnlySpan<byte> encoded)
    {
        var pids = new List<int>(MaxStoredPids);
        int previous = 0;
        uint value = 0;
        int shift = 0;
        foreach (byte b in encoded)
        {
            value |= (uint)(b & 0x7F) << shift;
            shift += 7;
            if ((b & 0x80) != 0 && shift < 35)
            {
                continue;
            }

            previous += (int)value;
            pids.Add(previous);
            value = 0;
            shift = 0;
        }

        return pids;
    }
}

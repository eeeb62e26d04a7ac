namespace SysMedic.Core.ProcFs;

/// <summary>
/// <c>/proc/meminfo</c>, proc_meminfo(5): lines such as <c>MemTotal:       16314668 kB</c>. All values in bytes.
/// </summary>
public readonly record struct MemInfo(
    long TotalBytes,
    long FreeBytes,
    long AvailableBytes,
    long BuffersBytes,
    long CachedBytes,
    long SwapTotalBytes,
    long SwapFreeBytes)
{
    /// <summary>Memory in use, in bytes: MemTotal - MemAvailable, as <c>free</c> from procps 4 computes it.</summary>
    public long UsedBytes => Math.Max(0, TotalBytes - AvailableBytes);

    /// <summary>Parses the file; false when MemTotal is missing.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out MemInfo info)
    {
        long total = -1, free = 0, available = -1, buffers = 0, cached = 0, swapTotal = 0, swapFree = 0;
        var r = new SpanReader(text);
        while (!r.Rest.IsEmpty)
        {
            ReadOnlySpan<byte> key = r.NextField();
            if (r.NextInt64(out long kb))
            {
                long bytes = kb * 1024;
                switch (key)
                {
                    case var k when k.SequenceEqual("MemTotal:"u8): total = bytes; break;
                    case var k when k.SequenceEqual("MemFree:"u8): free = bytes; break;
                    case var k when k.SequenceEqual("MemAvailable:"u8): available = bytes; break;
                    case var k when k.SequenceEqual("Buffers:"u8): buffers = bytes; break;
                    case var k when k.SequenceEqual("Cached:"u8): cached = bytes; break;
                    case var k when k.SequenceEqual("SwapTotal:"u8): swapTotal = bytes; break;
                    case var k when k.SequenceEqual("SwapFree:"u8): swapFree = bytes; break;
                    default: break;
                }
            }

            r.SkipLine();
        }

        // Kernels before 3.14 have no MemAvailable: estimate it the way procps did for them.
        if (available < 0)
        {
            available = free + buffers + cached;
        }

        info = new MemInfo(Math.Max(0, total), free, available, buffers, cached, swapTotal, swapFree);
        return total > 0;
    }
}

namespace SysMedic.Core.Storage;

/// <summary>
/// The <c>moments.processes</c> column: the processes a check recorded, in one value of LEB128 varints, about 20
/// bytes a process where a row of its own took 45. After a format byte (1) and the count, each process in pid order:
/// the pid as the gap from the previous one, ppid, uid, the ids of its user, name and command line in
/// <c>process_text</c>, its state (one byte), CPU in hundredths of a percent, RSS in KiB, threads, and its age at the
/// check in seconds (the check's time minus its start).
/// </summary>
public static class ProcessListCodec
{
    private const byte Format = 1;

    /// <summary>One process as stored, with its texts as ids.</summary>
    public readonly record struct Entry(int Pid, int Ppid, uint Uid, long UserId, long NameId, long CmdlineId, char State, long CpuPctX100, long RssKib, int Threads, long AgeSeconds);

    /// <summary>The column value for <paramref name="entries"/>.</summary>
    public static byte[] Encode(IEnumerable<Entry> entries)
    {
        ArgumentNullException.ThrowIfNull(entries);
        Entry[] sorted = [.. entries.OrderBy(e => e.Pid)];
        var buffer = new List<byte>(2 + (sorted.Length * 24)) { Format };
        Write(buffer, (ulong)sorted.Length);
        int previous = 0;
        foreach (Entry e in sorted)
        {
            Write(buffer, (ulong)(e.Pid - previous));
            previous = e.Pid;
            Write(buffer, (ulong)Math.Max(0, e.Ppid));
            Write(buffer, e.Uid);
            Write(buffer, (ulong)e.UserId);
            Write(buffer, (ulong)e.NameId);
            Write(buffer, (ulong)e.CmdlineId);
            buffer.Add(e.State < 128 ? (byte)e.State : (byte)'?');
            Write(buffer, (ulong)Math.Max(0, e.CpuPctX100));
            Write(buffer, (ulong)Math.Max(0, e.RssKib));
            Write(buffer, (ulong)Math.Max(0, e.Threads));
            Write(buffer, (ulong)Math.Max(0, e.AgeSeconds));
        }

        return [.. buffer];
    }

    /// <summary>The processes stored in <paramref name="encoded"/>, in pid order; an unknown format or a damaged value gives what could be read.</summary>
    public static IReadOnlyList<Entry> Decode(ReadOnlySpan<byte> encoded)
    {
        var entries = new List<Entry>();
        if (encoded.IsEmpty || encoded[0] != Format)
        {
            return entries;
        }

        int at = 1;
        if (!TryRead(encoded, ref at, out ulong count))
        {
            return entries;
        }

        int pid = 0;
        for (ulong i = 0; i < count; i++)
        {
            if (!TryRead(encoded, ref at, out ulong gap) || !TryRead(encoded, ref at, out ulong ppid) || !TryRead(encoded, ref at, out ulong uid)
                || !TryRead(encoded, ref at, out ulong user) || !TryRead(encoded, ref at, out ulong name) || !TryRead(encoded, ref at, out ulong cmdline)
                || at >= encoded.Length)
            {
                break;
            }

            char state = (char)encoded[at++];
            if (!TryRead(encoded, ref at, out ulong cpu) || !TryRead(encoded, ref at, out ulong rss) || !TryRead(encoded, ref at, out ulong threads)
                || !TryRead(encoded, ref at, out ulong age))
            {
                break;
            }

            pid += (int)gap;
            entries.Add(new Entry(pid, (int)ppid, (uint)uid, (long)user, (long)name, (long)cmdline, state, (long)cpu, (long)rss, (int)threads, (long)age));
        }

        return entries;
    }

    private static void Write(List<byte> buffer, ulong value)
    {
        while (value >= 0x80)
        {
            buffer.Add((byte)(value | 0x80));
            value >>= 7;
        }

        buffer.Add((byte)value);
    }

    private static bool TryRead(ReadOnlySpan<byte> encoded, ref int at, out ulong value)
    {
        value = 0;
        for (int shift = 0; shift < 64 && at < encoded.Length; shift += 7)
        {
            byte b = encoded[at++];
            value |= (ulong)(b & 0x7F) << shift;
            if ((b & 0x80) == 0)
            {
                return true;
            }
        }

        return false;
    }
}

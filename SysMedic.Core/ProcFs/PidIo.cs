namespace SysMedic.Core.ProcFs;

/// <summary>
/// <c>/proc/[pid]/io</c>, proc_pid_io(5): lines such as <c>read_bytes: 4096</c>. Bytes the process caused to be
/// read from and written to storage (block devices; page-cache hits and writes later cancelled by a truncate are
/// in other lines). Readable only by the process's owner with ptrace access, or root. A process's figures include
/// the children it has waited for.
/// </summary>
public readonly record struct PidIo(ulong ReadBytes, ulong WriteBytes, ulong CancelledWriteBytes)
{
    /// <summary>Parses the file; false when <c>read_bytes</c> or <c>write_bytes</c> is missing or malformed.</summary>
    public static bool TryParse(ReadOnlySpan<byte> text, out PidIo io)
    {
        io = default;
        ulong read = 0, write = 0, cancelled = 0;
        bool haveRead = false, haveWrite = false;
        var r = new SpanReader(text);
        while (!r.Rest.IsEmpty)
        {
            ReadOnlySpan<byte> key = r.NextField();
            if (key.SequenceEqual("read_bytes:"u8))
            {
                haveRead = r.NextUInt64(out read);
            }
            else if (key.SequenceEqual("write_bytes:"u8))
            {
                haveWrite = r.NextUInt64(out write);
            }
            else if (key.SequenceEqual("cancelled_write_bytes:"u8))
            {
                _ = r.NextUInt64(out cancelled);
            }

            r.SkipLine();
        }

        if (!haveRead || !haveWrite)
        {
            return false;
        }

        io = new PidIo(read, write, cancelled);
        return true;
    }
}

using System.Globalization;

namespace SysMedic.Core.ProcFs;

/// <summary>
/// <c>/proc/net/tcp</c> and <c>/proc/net/tcp6</c>, proc_net(5) (in the reader's network namespace):
/// <c>   0: 0100007F:1F90 00000000:0000 0A 00000000:00000000 00:00000000 00000000  1000        0 123456 1 ...</c>;
/// the local port in hex, state 0A (LISTEN), the socket's inode in the tenth field.
/// </summary>
public static class NetTcp
{
    private const string Listen = "0A";

    /// <summary>Inodes of the TCP sockets (IPv4 and IPv6) listening on <paramref name="port"/>; empty when none or unreadable.</summary>
    public static IReadOnlySet<ulong> ListeningInodes(string procRoot, int port)
    {
        var inodes = new HashSet<ulong>();
        foreach (string file in new[] { "net/tcp", "net/tcp6" })
        {
            string path = Path.Combine(procRoot, file);
            try
            {
                foreach (string line in File.ReadLines(path).Skip(1))
                {
                    if (TryParseListener(line, out int p, out ulong inode) && p == port)
                    {
                        _ = inodes.Add(inode);
                    }
                }
            }
            catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
            {
                // No IPv6 on this host, or no /proc/net: nothing listens there as far as we can tell.
            }
        }

        return inodes;
    }

    /// <summary>Parses one table line; false unless it is a listening socket.</summary>
    public static bool TryParseListener(string line, out int port, out ulong inode)
    {
        ArgumentNullException.ThrowIfNull(line);
        port = 0;
        inode = 0;
        string[] fields = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (fields.Length < 10 || fields[3] != Listen)
        {
            return false;
        }

        int colon = fields[1].LastIndexOf(':');
        return colon > 0
            && int.TryParse(fields[1].AsSpan(colon + 1), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture, out port)
            && ulong.TryParse(fields[9], NumberStyles.None, CultureInfo.InvariantCulture, out inode);
    }

    /// <summary>
    /// Inodes of the sockets process <paramref name="pid"/> holds open (<c>/proc/[pid]/fd/*</c> links to
    /// <c>socket:[123456]</c>); empty when the process is gone or its descriptors are not ours to read.
    /// </summary>
    public static IReadOnlySet<ulong> SocketInodes(string procRoot, int pid)
    {
        var inodes = new HashSet<ulong>();
        string dir = Path.Combine(procRoot, pid.ToString(CultureInfo.InvariantCulture), "fd");
        try
        {
            foreach (string fd in Directory.EnumerateFileSystemEntries(dir))
            {
                string? target = new FileInfo(fd).LinkTarget;
                if (target is not null && target.StartsWith("socket:[", StringComparison.Ordinal) && target.EndsWith(']')
                    && ulong.TryParse(target.AsSpan(8, target.Length - 9), NumberStyles.None, CultureInfo.InvariantCulture, out ulong inode))
                {
                    _ = inodes.Add(inode);
                }
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Gone, or another user's process.
        }

        return inodes;
    }

    /// <summary>Whether process <paramref name="pid"/> itself listens on TCP port <paramref name="port"/>.</summary>
    public static bool PidListensOn(string procRoot, int pid, int port) =>
        ListeningInodes(procRoot, port).Overlaps(SocketInodes(procRoot, pid));
}

using System.Text;

namespace SysMedic.Core.ProcFs;

/// <summary>
/// A /proc root (the live <c>/proc</c>, or a fixture tree in tests) held open as one directory descriptor; its files
/// are read with <c>openat</c> relative to it, into caller buffers, without allocating.
/// </summary>
public sealed unsafe class ProcDirectory : IDisposable
{
    private int _fd;

    /// <summary>Opens <paramref name="path"/>; throws <see cref="DirectoryNotFoundException"/> naming it when it cannot.</summary>
    public ProcDirectory(string path)
    {
        Path = path;
        byte[] z = NullTerminated(path);
        fixed (byte* p = z)
        {
            _fd = LibC.open(p, LibC.ORdOnly | LibC.OCloExec);
        }

        if (_fd < 0)
        {
            throw new DirectoryNotFoundException($"{path}: cannot open the /proc directory");
        }
    }

    /// <summary>The directory this reads from.</summary>
    public string Path { get; }

    /// <summary>
    /// Reads the file at <paramref name="relativePath"/> (NUL-terminated UTF-8) into <paramref name="buffer"/>.
    /// Returns the byte count, or -1 when the file is gone or unreadable. <paramref name="ownerUid"/> is the file's
    /// owner from statx on the open descriptor (uint.MaxValue when asked not to, or unknown).
    /// </summary>
    internal int Read(ReadOnlySpan<byte> relativePath, Span<byte> buffer, bool wantOwner, out uint ownerUid)
    {
        ownerUid = uint.MaxValue;
        int fd;
        fixed (byte* p = relativePath)
        {
            fd = LibC.openat(_fd, p, LibC.ORdOnly | LibC.OCloExec);
        }

        if (fd < 0)
        {
            return -1;
        }

        try
        {
            int total = ReadToEnd(fd, buffer);
            if (total >= 0 && wantOwner)
            {
                byte* statx = stackalloc byte[LibC.StatxBufferSize];
                byte empty = 0;
                if (LibC.statx(fd, &empty, LibC.AtEmptyPath, LibC.StatxUid, statx) == 0)
                {
                    ownerUid = *(uint*)(statx + LibC.StatxUidOffset);
                }
            }

            return total;
        }
        finally
        {
            _ = LibC.close(fd);
        }
    }

    /// <summary>Reads a whole file of any size into <paramref name="buffer"/>, growing it; -1 when unreadable.</summary>
    internal int ReadGrowing(ReadOnlySpan<byte> relativePath, ref byte[] buffer)
    {
        while (true)
        {
            int n = Read(relativePath, buffer, wantOwner: false, out _);
            if (n < buffer.Length)
            {
                return n;
            }

            // Full buffer: the file may be longer. Try again with twice the room (system files are a few KiB).
            buffer = new byte[buffer.Length * 2];
        }
    }

    private static int ReadToEnd(int fd, Span<byte> buffer)
    {
        int total = 0;
        fixed (byte* b = buffer)
        {
            while (total < buffer.Length)
            {
                nint n = LibC.read(fd, b + total, buffer.Length - total);
                if (n < 0)
                {
                    return -1;
                }

                if (n == 0)
                {
                    break;
                }

                total += (int)n;

                // procfs returns a whole small file in one read; a short read means the end, and saves a syscall.
                if (total < buffer.Length)
                {
                    break;
                }
            }
        }

        return total;
    }

    /// <summary>Writes <c>"{pid}/{file}\0"</c> into <paramref name="destination"/> and returns its length with the NUL.</summary>
    internal static int PidPath(int pid, ReadOnlySpan<byte> file, Span<byte> destination)
    {
        _ = pid.TryFormat(destination, out int written, default, System.Globalization.CultureInfo.InvariantCulture);
        destination[written++] = (byte)'/';
        file.CopyTo(destination[written..]);
        written += file.Length;
        destination[written++] = 0;
        return written;
    }

    /// <summary>UTF-8 bytes of <paramref name="s"/> with a terminating NUL.</summary>
    internal static byte[] NullTerminated(string s)
    {
        byte[] z = new byte[Encoding.UTF8.GetByteCount(s) + 1];
        Encoding.UTF8.GetBytes(s, z);
        return z;
    }

    public void Dispose()
    {
        if (_fd >= 0)
        {
            _ = LibC.close(_fd);
            _fd = -1;
        }
    }
}

using System.Globalization;
using System.Text;
using SysMedic.Core.ProcFs;

namespace SysMedic.Agent.Daemon;

/// <summary>
/// A PID file held with an exclusive flock(2) for the daemon's life. A second daemon cannot take the lock and is
/// told the running PID; a file left by a crash has no lock holder and is simply taken over. The file is mode 0600
/// whatever the umask, is never opened through a symbolic link, and is removed when the daemon stops, unless another
/// file has taken its place by then.
/// </summary>
public sealed class PidFile : IDisposable
{
    /// <summary>The mode of a PID file: its owner's alone.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private readonly FileStream _stream;
    private readonly FileIdentity? _identity;

    private PidFile(string path, FileStream stream, FileIdentity? identity)
    {
        Path = path;
        _stream = stream;
        _identity = identity;
    }

    /// <summary>Where the file is.</summary>
    public string Path { get; }

    /// <summary>
    /// Takes the lock and writes this process's id, creating the directory (mode 0755) when it is missing; throws
    /// <see cref="AlreadyRunningException"/> when another holds it.
    /// </summary>
    public static PidFile Acquire(string path, string role)
    {
        EnsureDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        if (new FileInfo(path).LinkTarget is not null)
        {
            throw new IOException($"{path} is a symbolic link; a PID file is never written through one");
        }

        var stream = new FileStream(path, new FileStreamOptions
        {
            Mode = FileMode.OpenOrCreate,
            Access = FileAccess.ReadWrite,
            Share = FileShare.ReadWrite,
            UnixCreateMode = Mode,
        });
        try
        {
            if (LibC.flock((int)stream.SafeFileHandle.DangerousGetHandle(), LibC.LockExclusive | LibC.LockNonBlocking) != 0)
            {
                int? running = ReadPid(path);
                throw new AlreadyRunningException(running is { } pid
                    ? $"another SysMedic {role} is running (PID: {pid}), holding {path}"
                    : $"another SysMedic {role} holds {path}", running);
            }

            // A file left by an older version may be more open than that.
            File.SetUnixFileMode(stream.SafeFileHandle, Mode);
            stream.SetLength(0);
            byte[] text = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.Write(text);
            stream.Flush(flushToDisk: true);
            return new PidFile(path, stream, FileIdentity.TryGet(path, out FileIdentity identity) ? identity : null);
        }
        catch
        {
            stream.Dispose();
            throw;
        }
    }

    /// <summary>The PID written in <paramref name="path"/>, or null when missing or not a number.</summary>
    public static int? ReadPid(string path)
    {
        try
        {
            return int.TryParse(File.ReadAllText(path).Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int pid) && pid > 0 ? pid : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    /// <summary>
    /// The PID of a live daemon holding <paramref name="path"/>, or null when none is: a missing file, a stale file
    /// from a crash (its lock is free), or a PID that is gone.
    /// </summary>
    public static int? FindRunning(string path)
    {
        if (ReadPid(path) is not { } pid || !Directory.Exists($"/proc/{pid}"))
        {
            return null;
        }

        try
        {
            using var probe = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            int fd = (int)probe.SafeFileHandle.DangerousGetHandle();
            if (LibC.flock(fd, LibC.LockExclusive | LibC.LockNonBlocking) == 0)
            {
                // Nobody held it: a stale file. (Closing the probe releases the lock at once.)
                return null;
            }

            return pid;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        // Removed while the lock is still held, and only if it is still this file: the lock goes with the descriptor
        // anyway, and a leftover file is harmless and taken over next time.
        if (_identity is { } mine)
        {
            _ = FileIdentity.DeleteIfSame(Path, mine);
        }

        _stream.Dispose();
    }

    // The runtime directory must let members of the sysmedic group reach the socket whatever the umask; the PID file and
    // the socket carry their own modes.
    private static void EnsureDirectory(string directory)
    {
        var missing = new Stack<string>();
        for (string? d = directory; d is not null && !Directory.Exists(d); d = System.IO.Path.GetDirectoryName(d))
        {
            missing.Push(d);
        }

        while (missing.TryPop(out string? d))
        {
            Directory.CreateDirectory(d);
            File.SetUnixFileMode(d, RuntimeFiles.DirectoryMode);
        }
    }
}

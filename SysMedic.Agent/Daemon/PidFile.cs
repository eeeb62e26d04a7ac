using System.Globalization;
using System.Text;
using SysMedic.Core.ProcFs;

namespace SysMedic.Agent.Daemon;

/// <summary>
/// A PID file held with an exclusive flock(2) for the daemon's life. A second daemon cannot take the lock and is
/// told the running PID; a file left by a crash has no lock holder and is simply taken over. The file is removed
/// when the daemon stops.
/// </summary>
public sealed class PidFile : IDisposable
{
    private readonly FileStream _stream;

    private PidFile(string path, FileStream stream)
    {
        Path = path;
        _stream = stream;
    }

    /// <summary>Where the file is.</summary>
    public string Path { get; }

    /// <summary>Takes the lock and writes this process's id; throws <see cref="AlreadyRunningException"/> when another holds it.</summary>
    public static PidFile Acquire(string path, string role)
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite);
        try
        {
            if (LibC.flock((int)stream.SafeFileHandle.DangerousGetHandle(), LibC.LockExclusive | LibC.LockNonBlocking) != 0)
            {
                int? running = ReadPid(path);
                throw new AlreadyRunningException(running is { } pid
                    ? $"another SysMedic {role} is running (PID: {pid}), holding {path}"
                    : $"another SysMedic {role} holds {path}", running);
            }

            stream.SetLength(0);
            byte[] text = Encoding.ASCII.GetBytes(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n");
            stream.Write(text);
            stream.Flush(flushToDisk: true);
            return new PidFile(path, stream);
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
        try
        {
            File.Delete(Path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The lock goes with the descriptor anyway; a leftover file is harmless and taken over next time.
        }

        _stream.Dispose();
    }
}

using System.Runtime.InteropServices;

namespace SysMedic.Agent.Daemon;

/// <summary>
/// The process's umask. The daemons start with <see cref="Daemon"/>, so whatever they create without naming a mode
/// (log files, the database and its WAL, directories) is their owner's alone, whatever umask the shell that started
/// them had; what others must reach (the runtime directory, the socket) is given its mode explicitly.
/// </summary>
public static partial class ProcessUmask
{
    /// <summary>The daemons' umask: no permission for group or others (files 0600, directories 0700).</summary>
    public const uint Daemon = 0b000_111_111;

    /// <summary>Sets the umask to <paramref name="mask"/> and returns the previous one.</summary>
    public static uint Set(uint mask) => umask(mask);

    /// <summary>Runs <paramref name="action"/> under <paramref name="mask"/>, then restores the umask (it is the whole process's).</summary>
    public static void With(uint mask, Action action)
    {
        ArgumentNullException.ThrowIfNull(action);
        uint old = umask(mask);
        try
        {
            action();
        }
        finally
        {
            _ = umask(old);
        }
    }

    [LibraryImport("libc", EntryPoint = "umask")]
    private static partial uint umask(uint mask);
}

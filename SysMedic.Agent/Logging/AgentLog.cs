using Serilog;
using Serilog.Core;
using Serilog.Events;

namespace SysMedic.Agent.Logging;

/// <summary>
/// The daemons' log: <c>log_path/FILE</c>, rolled daily and at <see cref="MaxFileBytes"/>, keeping
/// <see cref="RetainedFiles"/> files, plus plain lines on standard error for journald (systemd adds the time). Log
/// lines name users, commands and paths, so the files are their owner's alone: new ones through the daemons' umask
/// (<see cref="Daemon.ProcessUmask"/>), and those an earlier version left readable by others are made 0600 here.
/// </summary>
public static class AgentLog
{
    /// <summary>Size at which a log file rolls over early.</summary>
    public const long MaxFileBytes = 10 * 1024 * 1024;

    /// <summary>How many log files are kept (a month of quiet days, or fewer busy ones).</summary>
    public const int RetainedFiles = 31;

    /// <summary>
    /// A logger writing to <paramref name="logDirectory"/>/<paramref name="fileName"/>. When the directory cannot be
    /// created or written, the file sink is left out and a warning says so on standard error; the daemon still runs.
    /// </summary>
    public static Logger Create(string logDirectory, string fileName, LogEventLevel minimum = LogEventLevel.Information)
    {
        var config = new LoggerConfiguration()
            .MinimumLevel.Is(minimum)
            .MinimumLevel.Override("Microsoft", LogEventLevel.Warning)
            .MinimumLevel.Override("Microsoft.Hosting.Lifetime", LogEventLevel.Warning)
            .Enrich.FromLogContext()
            .WriteTo.Console(standardErrorFromLevel: LogEventLevel.Verbose, outputTemplate: "{Level:u3} {Message:lj}{NewLine}{Exception}");

        string? problem = null;
        try
        {
            Directory.CreateDirectory(logDirectory);
            MakePrivate(logDirectory, fileName);
            string path = Path.Combine(logDirectory, fileName);
            // Prove the directory is writable now: the sink would otherwise fail quietly on every event.
            string probe = Path.Combine(logDirectory, $".write-test-{Environment.ProcessId}");
            File.WriteAllText(probe, "");
            File.Delete(probe);

            config.WriteTo.File(
                path,
                outputTemplate: "{Timestamp:yyyy-MM-dd HH:mm:ss.fff zzz} [{Level:u3}] {Message:lj}{NewLine}{Exception}",
                rollingInterval: RollingInterval.Day,
                fileSizeLimitBytes: MaxFileBytes,
                rollOnFileSizeLimit: true,
                retainedFileCountLimit: RetainedFiles,
                shared: true);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            problem = $"cannot write the log in {logDirectory}: {ex.Message}; logging to standard error only";
        }

        Logger logger = config.CreateLogger();
        if (problem is not null)
        {
            logger.Warning(problem);
        }

        return logger;
    }

    // The rolled files are FILE's name with a date (and a number) before its extension: sysmedic20260301_001.log.
    private static void MakePrivate(string logDirectory, string fileName)
    {
        const UnixFileMode GroupOrOther = (UnixFileMode)0b000_111_111;
        string pattern = Path.GetFileNameWithoutExtension(fileName) + "*" + Path.GetExtension(fileName);
        foreach (string file in Directory.EnumerateFiles(logDirectory, pattern))
        {
            if ((File.GetUnixFileMode(file) & GroupOrOther) != 0)
            {
                File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }
        }
    }
}

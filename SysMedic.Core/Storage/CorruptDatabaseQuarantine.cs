using System.Globalization;
using Microsoft.Extensions.Logging;

namespace SysMedic.Core.Storage;

/// <summary>Moves a corrupt database and its -wal/-shm aside as <c>NAME.corrupt-&lt;UTC timestamp&gt;</c>.</summary>
internal static class CorruptDatabaseQuarantine
{
    /// <summary>Renames the three files; returns the new main file's path.</summary>
    public static string MoveAside(string path, string reason, TimeProvider time, ILogger logger)
    {
        string stamp = time.GetUtcNow().ToString("yyyyMMdd'T'HHmmss'Z'", CultureInfo.InvariantCulture);
        string target = path + ".corrupt-" + stamp;
        for (int n = 2; File.Exists(target); n++)
        {
            target = path + ".corrupt-" + stamp + "-" + n.ToString(CultureInfo.InvariantCulture);
        }

        // The -wal and -shm keep their suffixes so SQLite can still open the pair for forensics.
        foreach (string suffix in new[] { "-wal", "-shm", string.Empty })
        {
            if (File.Exists(path + suffix))
            {
                File.Move(path + suffix, target + suffix);
            }
        }

        if (logger.IsEnabled(LogLevel.Critical))
        {
            logger.LogCritical(
                "DATABASE CORRUPT: {Path} failed its check ({Reason}); moved aside to {Target} and starting a new, empty database. History before now is only in that file.",
                path, reason, target);
        }

        return target;
    }
}

using System.CommandLine;
using Microsoft.Extensions.Logging.Abstractions;
using SysMedic.Core.Config;
using SysMedic.Core.Storage;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic db stats|backup FILE|cleanup</c>: inspect and maintain the history database.</summary>
public static class DbCommand
{
    /// <summary><c>--db PATH</c>: work on another database file than the default one.</summary>
    public static readonly Option<string?> Database = new("--db")
    {
        Description = "Database file (default: sysmedic.db in the configuration's data_path: /var/lib/sysmedic for root, else $XDG_STATE_HOME/sysmedic)",
        Recursive = true,
    };

    public static Command Create()
    {
        var command = new Command("db", "Inspect and maintain the history database");
        command.Options.Add(Database);
        command.Subcommands.Add(DbStatsCommand.Create());
        command.Subcommands.Add(DbBackupCommand.Create());
        command.Subcommands.Add(DbCleanupCommand.Create());
        return command;
    }

    /// <summary>The database file and retention for this invocation: <c>--db</c>, else <c>data_path/sysmedic.db</c>; <c>database_retention_days</c>.</summary>
    public static DatabaseLocation ResolveDatabase(ParseResult parsed)
    {
        SysMedicConfig config = CliConfig.Load(parsed);
        string? explicitPath = parsed.GetValue(Database);
        string path = string.IsNullOrWhiteSpace(explicitPath) ? config.DatabasePath() : explicitPath;
        return new DatabaseLocation(path, config.DatabaseRetentionDays);
    }

    /// <summary>
    /// Opens an existing database for a command and runs <paramref name="action"/>; storage problems become one
    /// line on the error stream and exit code 1. The CLI never moves a corrupt file aside: that is the agent's job.
    /// </summary>
    internal static int WithDatabase(ParseResult parsed, bool write, Func<SysMedicDatabase, int> action)
    {
        DatabaseLocation location = ResolveDatabase(parsed);
        TextWriter error = parsed.InvocationConfiguration.Error;
        if (!File.Exists(location.Path))
        {
            error.WriteLine($"sysmedic: no database at {location.Path} (the agent creates it on its first check; --db PATH picks another file)");
            return SysMedicCli.Failed;
        }

        var options = new StorageOptions { ReadOnly = !write, QuarantineCorrupt = false, QuickCheck = false };
        try
        {
            using var database = SysMedicDatabase.Open(location.Path, TimeProvider.System, NullLogger.Instance, options);
            return action(database);
        }
        catch (StorageException ex) when (ex.Kind == StorageFailureKind.Corrupt)
        {
            // Corruption may only show when a damaged page is read, long after the file opened: name the file either way.
            string detail = ex.InnerException?.Message
                ?? (ex.Message.StartsWith(location.Path + ": ", StringComparison.Ordinal) ? ex.Message[(location.Path.Length + 2)..] : ex.Message);
            error.WriteLine($"sysmedic: {location.Path}: the database is corrupt ({detail}); the doctor sets a corrupt file aside and starts a new one when it starts");
            return SysMedicCli.Failed;
        }
        catch (StorageException ex)
        {
            error.WriteLine($"sysmedic: {ex.Message}");
            return SysMedicCli.Failed;
        }
    }
}

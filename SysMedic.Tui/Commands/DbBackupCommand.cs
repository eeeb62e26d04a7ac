using System.CommandLine;
using System.Globalization;
using SysMedic.Core.Storage;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic db backup FILE</c>: SQLite's online backup, safe while the agent writes, verified before use.</summary>
public static class DbBackupCommand
{
    public static Command Create()
    {
        var file = new Argument<string>("FILE") { Description = "Where to write the copy (replaced if it exists, only once the copy passed integrity_check)" };
        var command = new Command("backup", "Copy the database while the agent keeps writing, and verify the copy");
        command.Arguments.Add(file);
        command.SetAction(parsed =>
        {
            string target = parsed.GetValue(file) ?? string.Empty;
            if (string.IsNullOrWhiteSpace(target))
            {
                throw new CliUsageException("db backup: FILE must not be empty");
            }

            return DbCommand.WithDatabase(parsed, write: false, database =>
            {
                BackupResult result = database.Maintenance.Backup(target);
                parsed.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"backup written to {result.Path} ({result.SizeBytes:N0} bytes); integrity_check: {result.IntegrityCheck}"));
                return SysMedicCli.Ok;
            });
        });
        return command;
    }
}

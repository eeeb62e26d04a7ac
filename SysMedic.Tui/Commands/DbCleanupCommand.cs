using System.CommandLine;
using System.Globalization;
using SysMedic.Core.Storage;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic db cleanup</c>: apply the retention now instead of waiting for the agent's daily run.</summary>
public static class DbCleanupCommand
{
    public static Command Create()
    {
        var command = new Command("cleanup", "Delete history older than the retention now, then give the space back");
        command.SetAction(parsed =>
        {
            int days = DbCommand.ResolveDatabase(parsed).RetentionDays;
            return DbCommand.WithDatabase(parsed, write: true, database =>
            {
                RetentionResult r = database.Maintenance.Cleanup(days);
                parsed.InvocationConfiguration.Output.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"kept {days} days (from {r.Cutoff.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z): deleted {r.SystemRows:N0} system rows, {r.UserRows:N0} user rows, {r.HourlyRows:N0} hourly rows, {r.Alerts:N0} resolved alerts, {r.PersistentUsers:N0} closed episodes, {r.OutboxMessages:N0} finished deliveries in {r.Transactions:N0} transactions; {r.PagesFreed:N0} pages given back"));
                return SysMedicCli.Ok;
            });
        });
        return command;
    }
}

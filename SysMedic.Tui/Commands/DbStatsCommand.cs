using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SysMedic.Core.Storage;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic db stats [--json]</c>: file size, schema version, rows and time range per table.</summary>
public static class DbStatsCommand
{
    public static Command Create()
    {
        Option<bool> json = CliOptions.Json();
        var command = new Command("stats", "Show the database's size, schema version, and rows and time range per table");
        command.Options.Add(json);
        command.SetAction(parsed => DbCommand.WithDatabase(parsed, write: false, database =>
        {
            DatabaseStats stats = database.Maintenance.Stats();
            TextWriter output = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(json))
            {
                output.WriteLine(JsonSerializer.Serialize(stats, CliJsonContext.Default.DatabaseStats));
            }
            else
            {
                WriteText(output, stats);
            }

            return SysMedicCli.Ok;
        }));
        return command;
    }

    /// <summary>The human-readable form.</summary>
    public static void WriteText(TextWriter output, DatabaseStats stats)
    {
        var c = CultureInfo.InvariantCulture;
        output.WriteLine(string.Create(c, $"database  {stats.Path}"));
        output.WriteLine(string.Create(c, $"schema    version {stats.SchemaVersion}"));
        output.WriteLine(string.Create(c, $"size      {Bytes(stats.FileSizeBytes)} (+ WAL {Bytes(stats.WalSizeBytes)}), {stats.PageCount:N0} pages of {stats.PageSizeBytes} bytes, {stats.FreePages:N0} free"));
        output.WriteLine();
        output.WriteLine(string.Create(c, $"{"table",-22} {"rows",12}  {"oldest",-20}  newest"));
        foreach (TableStats table in stats.Tables)
        {
            output.WriteLine(string.Create(c, $"{table.Name,-22} {table.Rows,12:N0}  {Time(table.Oldest),-20}  {Time(table.Newest)}"));
        }
    }

    private static string Time(DateTimeOffset? time) =>
        time?.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss'Z'", CultureInfo.InvariantCulture) ?? "-";

    private static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 30):0.0} GiB"),
        >= 1L << 20 => string.Create(CultureInfo.InvariantCulture, $"{bytes / (double)(1L << 20):0.0} MiB"),
        >= 1L << 10 => string.Create(CultureInfo.InvariantCulture, $"{bytes / 1024.0:0.0} KiB"),
        _ => string.Create(CultureInfo.InvariantCulture, $"{bytes} B"),
    };
}

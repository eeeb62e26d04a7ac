using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SysMedic.Agent.Doctor;
using SysMedic.Core.Formatting;
using SysMedic.Core.Protocol;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic history [--since 24h] [--user NAME] [--json]</c>: averages and peaks over a range, from the database.</summary>
public static class HistoryCommand
{
    public static Command Create()
    {
        Option<bool> json = CliOptions.Json();
        var since = new Option<string>("--since") { Description = "How far back: 30m, 6h, 24h, 7d (up to 365d)", DefaultValueFactory = _ => "24h" };
        var user = new Option<string?>("--user") { Description = "One user's history instead of the system's" };
        var points = new Option<int>("--points") { Description = "Rows to print (1..1000)", DefaultValueFactory = _ => 24 };
        var command = new Command("history", "CPU and memory averages and peaks over a past range");
        command.Options.Add(since);
        command.Options.Add(user);
        command.Options.Add(points);
        command.Options.Add(json);
        command.SetAction(parsed =>
        {
            TimeSpan range = ParseSpan(parsed.GetValue(since) ?? "24h");
            int count = parsed.GetValue(points);
            if (count is < 1 or > 1000)
            {
                throw new CliUsageException($"--points: {count} is not from 1 to 1000");
            }

            return DbCommand.WithDatabase(parsed, write: false, db =>
            {
                DateTimeOffset to = DateTimeOffset.UtcNow;
                DateTimeOffset from = to - range;
                string? name = parsed.GetValue(user);
                List<HistoryPoint> rows = name is null
                    ? [.. db.History.System(from, to, count).Select(b => b.ToPoint())]
                    : [.. db.History.User(name, from, to, count).Select(b => b.ToPoint())];
                var report = new HistoryReport(name is null ? "system" : "user", name, from, to, rows);
                Write(parsed.InvocationConfiguration.Output, report, parsed.GetValue(json));
                return SysMedicCli.Ok;
            });
        });
        return command;
    }

    /// <summary>Parses <c>30m</c>, <c>6h</c>, <c>7d</c>, <c>90s</c>; throws <see cref="CliUsageException"/> naming the value.</summary>
    public static TimeSpan ParseSpan(string text)
    {
        string t = text.Trim();
        if (t.Length >= 2 && double.TryParse(t[..^1], NumberStyles.Float, CultureInfo.InvariantCulture, out double n) && n > 0)
        {
            TimeSpan? span = t[^1] switch
            {
                's' => TimeSpan.FromSeconds(n),
                'm' => TimeSpan.FromMinutes(n),
                'h' => TimeSpan.FromHours(n),
                'd' => TimeSpan.FromDays(n),
                _ => null,
            };
            if (span is { } s && s <= TimeSpan.FromDays(365))
            {
                return s;
            }
        }

        throw new CliUsageException($"--since: \"{text}\" is not a duration such as 30m, 6h, 24h or 7d (up to 365d)");
    }

    private static void Write(TextWriter o, HistoryReport report, bool json)
    {
        if (json)
        {
            o.WriteLine(JsonSerializer.Serialize(report, CliJsonContext.Default.HistoryReport));
            return;
        }

        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"{(report.User is null ? "system" : "user " + SafeText.ForTerminal(report.User))}, {report.From.UtcDateTime:yyyy-MM-dd HH:mm} to {report.To.UtcDateTime:yyyy-MM-dd HH:mm} UTC"));
        if (report.Points.Count == 0)
        {
            o.WriteLine("no data in this range (is the doctor running? `sysmedic daemon status`)");
            return;
        }

        o.WriteLine("FROM (UTC)         CPU AVG  CPU PEAK  MEM AVG  MEM PEAK");
        foreach (HistoryPoint p in report.Points)
        {
            o.WriteLine(string.Create(c, $"{p.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm}  {p.CpuPercent,7:0.0}% {p.CpuPeak,8:0.0}% {p.MemoryPercent,7:0.0}% {p.MemoryPeak,8:0.0}%"));
        }
    }
}

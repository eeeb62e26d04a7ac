using System.CommandLine;
using System.Globalization;
using System.Text.Json;
using SysMedic.Core.Formatting;

namespace SysMedic.Tui.Commands;

/// <summary>
/// <c>sysmedic usage [--since 24h | --from T [--to T]] [--user NAME] [--json]</c>: each user's exact CPU core-seconds,
/// memory, disk bytes and processes over a range, from the database, most CPU first: what a shared server bills by.
/// </summary>
public static class UsageCommand
{
    public static Command Create()
    {
        Option<bool> json = CliOptions.Json();
        var since = new Option<string?>("--since") { Description = "How far back from now: 30m, 6h, 24h, 7d, 30d (default 24h; up to 365d)" };
        var from = new Option<string?>("--from") { Description = "Start of the range: 2026-11-01 or 2026-11-01T08:00 (UTC unless an offset is given)" };
        var to = new Option<string?>("--to") { Description = "End of the range, excluded (default now); with --from" };
        var user = new Option<string?>("--user") { Description = "Only this user" };
        var command = new Command("usage", "Per-user accounting over a past range: CPU core-seconds, memory, disk bytes, processes");
        command.Options.Add(since);
        command.Options.Add(from);
        command.Options.Add(to);
        command.Options.Add(user);
        command.Options.Add(json);
        command.SetAction(parsed =>
        {
            (DateTimeOffset start, DateTimeOffset end) = Range(parsed.GetValue(since), parsed.GetValue(from), parsed.GetValue(to), DateTimeOffset.UtcNow);
            return DbCommand.WithDatabase(parsed, write: false, db =>
            {
                UsageReport report = UsageReport.Of(db.History.Usage(start, end, parsed.GetValue(user)));
                Write(parsed.InvocationConfiguration.Output, report, parsed.GetValue(json));
                return SysMedicCli.Ok;
            });
        });
        return command;
    }

    /// <summary>
    /// The range of the options, to the second: <c>--since</c> back from <paramref name="now"/>, or <c>--from</c> to
    /// <c>--to</c> (default now), or the last 24 hours; throws <see cref="CliUsageException"/> for a bad or empty one.
    /// </summary>
    public static (DateTimeOffset From, DateTimeOffset To) Range(string? since, string? from, string? to, DateTimeOffset now)
    {
        if (since is not null && (from is not null || to is not null))
        {
            throw new CliUsageException("--since cannot go with --from or --to: give a duration back from now, or a start (and an end)");
        }

        if (from is null && to is not null)
        {
            throw new CliUsageException("--to needs --from");
        }

        DateTimeOffset end = to is null ? now : ParseTime("--to", to);
        DateTimeOffset start = from is null ? now - HistoryCommand.ParseSpan(since ?? "24h") : ParseTime("--from", from);
        if (end <= start)
        {
            throw new CliUsageException($"--to: {end.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC is not after the start, {start.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC");
        }

        return (Truncate(start), Truncate(end));
    }

    private static DateTimeOffset ParseTime(string option, string text)
    {
        if (DateTimeOffset.TryParse(text.Trim(), CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal | DateTimeStyles.AdjustToUniversal, out DateTimeOffset t))
        {
            return t;
        }

        throw new CliUsageException($"{option}: \"{text}\" is not a time such as 2026-11-01 or 2026-11-01T08:00 (UTC) or 2026-11-01T08:00+01:00");
    }

    private static DateTimeOffset Truncate(DateTimeOffset t) => DateTimeOffset.FromUnixTimeSeconds(t.ToUnixTimeSeconds());

    private static void Write(TextWriter o, UsageReport r, bool json)
    {
        if (json)
        {
            o.WriteLine(JsonSerializer.Serialize(r, CliJsonContext.Default.UsageReport));
            return;
        }

        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"usage {r.From.UtcDateTime:yyyy-MM-dd HH:mm} to {r.To.UtcDateTime:yyyy-MM-dd HH:mm} UTC: {r.Checks} checks covering {Units.Duration(TimeSpan.FromSeconds(r.CoveredSeconds))}, {r.CpuCapacitySeconds:#,0} CPU core-seconds available"));
        if (r.Users.Count == 0)
        {
            o.WriteLine(r.Checks == 0 ? "no data in this range (is the doctor running? `sysmedic daemon status`)" : "no user used anything in this range");
            return;
        }

        o.WriteLine("USER              CPU-SEC   SHARE   MEM AVG  MEM PEAK  DISK READ DISK WRITE  NEW PROCS");
        foreach (UsageReportUser u in r.Users)
        {
            string name = SafeText.ForTerminal(u.Username) + (u.CpuFromSlice ? "*" : "");
            o.WriteLine(string.Create(c, $"{name,-15} {u.CpuSeconds,10:#,0.0} {u.CpuSharePercent,6:0.0}% {Units.Bytes(u.MemoryAvgBytes),9} {Units.Bytes(u.MemoryPeakBytes),9} {Units.Bytes(u.DiskReadBytes),10} {Units.Bytes(u.DiskWriteBytes),10} {u.NewProcesses,10:#,0}"));
        }

        if (r.Users.Any(u => u.CpuFromSlice))
        {
            o.WriteLine("* CPU from the user's systemd slice (cgroup v2) for at least part of the range");
        }

        o.WriteLine(string.Create(c, $"processes started on the machine: {r.ProcessesStarted:#,0}"));
        if (r.Pressure is { } p)
        {
            o.WriteLine(string.Create(c, $"pressure (stalled share of the time): cpu {p.CpuSomePercent:0.0}%, memory {p.MemorySomePercent:0.0}% (all tasks {p.MemoryFullPercent:0.0}%), io {p.IoSomePercent:0.0}% (all tasks {p.IoFullPercent:0.0}%)"));
        }
    }
}

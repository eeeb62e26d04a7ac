using System.CommandLine;
using System.CommandLine.Parsing;
using System.Globalization;
using System.Text.Json;
using SysMedic.Core.Alerts;
using SysMedic.Core.Formatting;
using SysMedic.Core.Protocol;
using SysMedic.Core.Storage;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic alerts [list] [--all] [--json] | show ID | resolve ID... [--all-recoveries] [--note TEXT]</c>, from the database.</summary>
public static class AlertsCommand
{
    public static Command Create()
    {
        var command = new Command("alerts", "List, show and resolve alerts (reads the database; works with or without the doctor)");
        Command list = List();
        command.Subcommands.Add(list);
        command.Subcommands.Add(Show());
        command.Subcommands.Add(Resolve());
        foreach (Option option in list.Options)
        {
            command.Options.Add(option);
        }

        // `sysmedic alerts` alone lists, as `alerts list` does.
        command.Action = list.Action;
        return command;
    }

    private static readonly Option<bool> All = new("--all") { Description = "Include resolved alerts" };
    private static readonly Option<bool> Json = CliOptions.Json();
    private static readonly Option<int> Limit = new("--limit") { Description = "At most this many (1..10000)", DefaultValueFactory = _ => 50 };

    private static Command List()
    {
        var command = new Command("list", "Unresolved alerts, newest first (--all: resolved ones too, after them)");
        command.Options.Add(All);
        command.Options.Add(Json);
        command.Options.Add(Limit);
        command.SetAction(parsed => DbCommand.WithDatabase(parsed, write: false, db =>
        {
            int limit = parsed.GetValue(Limit);
            if (limit is < 1 or > 10_000)
            {
                throw new CliUsageException($"--limit: {limit} is not from 1 to 10000");
            }

            var alerts = db.Alerts.List(new AlertFilter { IncludeResolved = parsed.GetValue(All), Limit = limit }).Select(AlertInfo.From).ToList();
            TextWriter output = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(Json))
            {
                output.WriteLine(JsonSerializer.Serialize(alerts, CliJsonContext.Default.ListAlertInfo));
                return SysMedicCli.Ok;
            }

            if (alerts.Count == 0)
            {
                output.WriteLine(parsed.GetValue(All) ? "no alerts" : "no unresolved alerts");
                return SysMedicCli.Ok;
            }

            output.WriteLine("    ID  TIME (UTC)        SEVERITY  TYPE             MESSAGE");
            foreach (AlertInfo a in alerts)
            {
                string resolved = a.ResolvedAt is null ? "" : "  [resolved]";
                output.WriteLine(string.Create(CultureInfo.InvariantCulture, $"{a.Id,6}  {a.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm}  {a.Severity.ToKey(),-8}  {a.AlertType.ToKey(),-15}  {SafeText.ForTerminal(a.Message)}{resolved}"));
            }

            return SysMedicCli.Ok;
        }));
        return command;
    }

    private static Command Show()
    {
        var id = new Argument<long>("ID") { Description = "The alert's number", CustomParser = r => ParseIds(r).FirstOrDefault() };
        var command = new Command("show", "Everything about one alert");
        command.Arguments.Add(id);
        command.Options.Add(Json);
        command.SetAction(parsed => DbCommand.WithDatabase(parsed, write: false, db =>
        {
            long alertId = parsed.GetValue(id);
            if (db.Alerts.Get(alertId) is not { } record)
            {
                parsed.InvocationConfiguration.Error.WriteLine($"sysmedic: no alert {alertId}");
                return SysMedicCli.Failed;
            }

            AlertInfo a = AlertInfo.From(record);
            TextWriter o = parsed.InvocationConfiguration.Output;
            if (parsed.GetValue(Json))
            {
                o.WriteLine(JsonSerializer.Serialize(a, CliJsonContext.Default.AlertInfo));
                return SysMedicCli.Ok;
            }

            var c = CultureInfo.InvariantCulture;
            o.WriteLine(string.Create(c, $"alert {a.Id}: {SafeText.ForTerminal(a.Message)}"));
            o.WriteLine(string.Create(c, $"  time       {a.Timestamp.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC"));
            o.WriteLine(string.Create(c, $"  severity   {a.Severity.ToKey()}    type {a.AlertType.ToKey()}"));
            o.WriteLine(string.Create(c, $"  system     CPU {Units.Percent(a.SystemCpuPercent)}, memory {Units.Percent(a.SystemMemoryPercent)}"));
            o.WriteLine(string.Create(c, $"  duration   {a.DurationMinutes} min    cause {SafeText.ForTerminal(a.PrimaryCause)}"));
            o.WriteLine(a.ResolvedAt is { } at
                ? string.Create(c, $"  resolved   {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC by {SafeText.ForTerminal(a.ResolvedBy ?? "")}: {SafeText.ForTerminal(a.ResolutionNote ?? "")}")
                : "  resolved   no");
            if (a.UserDetails.Length > 0)
            {
                o.WriteLine("  users");
                foreach (string line in a.UserDetails.Split('\n'))
                {
                    o.WriteLine("    " + SafeText.ForTerminal(line));
                }
            }

            return SysMedicCli.Ok;
        }));
        return command;
    }

    // An ID that is not a number is said in the operator's words, not the parser's type name (System.Int64).
    private static long[] ParseIds(ArgumentResult result)
    {
        var ids = new List<long>();
        foreach (Token token in result.Tokens)
        {
            if (long.TryParse(token.Value, NumberStyles.None, CultureInfo.InvariantCulture, out long id))
            {
                ids.Add(id);
            }
            else
            {
                result.AddError($"'{token.Value}' is not an alert number (see sysmedic alerts list)");
            }
        }

        return [.. ids];
    }

    private static Command Resolve()
    {
        var ids = new Argument<long[]>("ID") { Description = "The alerts' numbers", Arity = ArgumentArity.ZeroOrMore, CustomParser = ParseIds };
        var recoveries = new Option<bool>("--all-recoveries") { Description = "Resolve every unresolved recovery too (they only say a condition cleared)" };
        var note = new Option<string?>("--note") { Description = "What was done about it" };
        var by = new Option<string?>("--by") { Description = "Who resolved it (default: your login name)" };
        var command = new Command("resolve", "Mark alerts resolved, with a note; they stay in the history");
        command.Arguments.Add(ids);
        command.Options.Add(recoveries);
        command.Options.Add(note);
        command.Options.Add(by);
        command.SetAction(parsed =>
        {
            long[] chosen = parsed.GetValue(ids) ?? [];
            bool allRecoveries = parsed.GetValue(recoveries);
            if (chosen.Length == 0 && !allRecoveries)
            {
                throw new CliUsageException("resolve: name at least one alert ID, or --all-recoveries");
            }

            return DbCommand.WithDatabase(parsed, write: true, db =>
            {
                string who = parsed.GetValue(by) is { Length: > 0 } b ? b : LoginName();
                TextWriter output = parsed.InvocationConfiguration.Output;
                TextWriter error = parsed.InvocationConfiguration.Error;
                int failed = 0;
                foreach (long alertId in chosen.Distinct())
                {
                    switch (db.Alerts.Resolve(alertId, who, parsed.GetValue(note)))
                    {
                        case AlertResolveOutcome.NotFound:
                            error.WriteLine($"sysmedic: no alert {alertId}");
                            failed++;
                            break;
                        case AlertResolveOutcome.AlreadyResolved:
                            Alert done = db.Alerts.Get(alertId)!;
                            error.WriteLine($"sysmedic: alert {alertId} was already resolved by {done.ResolvedBy} at {done.ResolvedAt:u}");
                            failed++;
                            break;
                        default:
                            output.WriteLine($"alert {alertId} resolved by {who}");
                            break;
                    }
                }

                if (allRecoveries)
                {
                    IReadOnlyList<long> resolved = db.Alerts.ResolveRecoveries(who, parsed.GetValue(note));
                    output.WriteLine(resolved.Count == 0
                        ? "no unresolved recoveries"
                        : string.Create(CultureInfo.InvariantCulture, $"{resolved.Count} recover{(resolved.Count == 1 ? "y" : "ies")} resolved by {who}: {string.Join(' ', resolved)}"));
                }

                return failed == 0 ? SysMedicCli.Ok : SysMedicCli.Failed;
            });
        });
        return command;
    }

    /// <summary>The operator's own name, also through sudo.</summary>
    public static string LoginName() =>
        Environment.GetEnvironmentVariable("SUDO_USER") is { Length: > 0 } sudo ? sudo : Environment.UserName;
}

using System.CommandLine;
using System.Globalization;
using SysMedic.Core.Config;
using SysMedic.Core.Formatting;
using SysMedic.Core.ProcFs;
using SysMedic.Core.Sampling;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic report [--json] [--interval S] [--at TIME]</c>: one snapshot after S seconds, or a recorded moment.</summary>
public static class ReportCommand
{
    public static Command Create()
    {
        Option<bool> json = CliOptions.Json();
        var interval = new Option<double>("--interval")
        {
            Description = "Seconds between the two readings the rates come from (0.1..3600)",
            DefaultValueFactory = _ => 1.0,
        };
        var at = new Option<string?>("--at")
        {
            Description = "A past moment instead of now, as the doctor recorded it: 03:00 (local), \"2026-12-06 03:00\", ISO 8601, 90m ago, 3h ago, 2d ago",
        };
        var command = new Command("report", "Print one snapshot of the system, its users and processes (now, or a recorded moment with --at)");
        command.Options.Add(json);
        command.Options.Add(interval);
        command.Options.Add(at);
        command.SetAction(parsed =>
        {
            if (parsed.GetValue(at) is { } when)
            {
                return ExecuteAt(parsed, when, parsed.GetValue(json));
            }

            double seconds = parsed.GetValue(interval);
            if (!(seconds >= 0.1 && seconds <= 3600))
            {
                throw new CliUsageException($"--interval: {seconds} is not a number of seconds from 0.1 to 3600");
            }

            SamplerOptions options = CliConfig.SamplerOptions(parsed, CliConfig.Load(parsed));
            return Execute(parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error, parsed.GetValue(json), TimeSpan.FromSeconds(seconds), options);
        });
        return command;
    }

    /// <summary>Prints the moment the doctor recorded at or before <paramref name="when"/>; exit 1 when there is none.</summary>
    public static int ExecuteAt(ParseResult parsed, string when, bool json)
    {
        ArgumentNullException.ThrowIfNull(parsed);
        if (!MomentTime.TryParse(when, DateTimeOffset.Now, TimeZoneInfo.Local, out DateTimeOffset asked, out string problem))
        {
            throw new CliUsageException("--at: " + problem);
        }

        TextWriter output = parsed.InvocationConfiguration.Output;
        TextWriter error = parsed.InvocationConfiguration.Error;
        SysMedicConfig config = CliConfig.Load(parsed);
        var passwd = new PasswdFile(config.ToSamplerOptions().PasswdPath);
        return DbCommand.WithDatabase(parsed, write: false, db =>
        {
            if (db.Moments.At(asked, Environment.MachineName, passwd.UidOf) is not { } moment)
            {
                error.WriteLine(db.Moments.First() is { } first
                    ? $"sysmedic: nothing was recorded at or before {Local(asked)}: the first recorded moment is {Local(first)} (history is kept {config.DatabaseRetentionDays} days)"
                    : "sysmedic: no moment is recorded yet: the doctor records one at every check (is it running? sysmedic daemon status)");
                return SysMedicCli.Failed;
            }

            if (json)
            {
                output.WriteLine(ReportJson.SerializeRecorded(moment.Snapshot, asked, moment.ProcessCount));
                return SysMedicCli.Ok;
            }

            TimeSpan before = asked - moment.At;
            string gap = before > moment.Window * 2 ? $"; nothing was recorded in the {Units.Duration(before)} after it (was the doctor stopped?)" : "";
            output.WriteLine($"Recorded moment: the check that ended {Local(moment.At)}, over {Units.Duration(moment.Window)} (asked for {Local(asked)}{gap})");
            ReportText.Write(output, moment.Snapshot, processCount: moment.ProcessCount);
            return SysMedicCli.Ok;
        });
    }

    private static string Local(DateTimeOffset t) =>
        TimeZoneInfo.ConvertTime(t, TimeZoneInfo.Local).ToString("yyyy-MM-dd HH:mm:ss zzz", CultureInfo.InvariantCulture);

    /// <summary>Takes two readings <paramref name="interval"/> apart and prints the snapshot.</summary>
    public static int Execute(TextWriter output, TextWriter error, bool json, TimeSpan interval, SamplerOptions? options = null)
    {
        Snapshot snapshot;
        try
        {
            using var sampler = new Sampler(options ?? new SamplerOptions());
            _ = sampler.Sample();
            Thread.Sleep(interval);
            snapshot = sampler.Sample();
        }
        catch (DirectoryNotFoundException ex)
        {
            error.WriteLine($"sysmedic: {ex.Message}");
            return SysMedicCli.Failed;
        }

        if (json)
        {
            output.WriteLine(ReportJson.Serialize(snapshot));
        }
        else
        {
            ReportText.Write(output, snapshot);
        }

        return SysMedicCli.Ok;
    }
}

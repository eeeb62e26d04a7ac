using System.CommandLine;
using SysMedic.Core.Config;
using SysMedic.Core.Formatting;
using SysMedic.Core.Sampling;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic report [--json] [--interval S]</c>: one snapshot after S seconds, then exit.</summary>
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
        var command = new Command("report", "Print one snapshot of the system, its users and processes");
        command.Options.Add(json);
        command.Options.Add(interval);
        command.SetAction(parsed =>
        {
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

using System.CommandLine;
using SysMedic.Agent.Doctor;
using SysMedic.Agent.Relay;
using SysMedic.Core.Config;
using SysMedic.Core.Protocol;
using SysMedic.Tui.Bootstrap;
using SysMedic.Tui.Connection;

namespace SysMedic.Tui.Commands;

/// <summary>Builds the command tree of ARCHITECTURE.md and runs it; exit codes 0 ok, 1 failed, 2 bad usage.</summary>
public static class SysMedicCli
{
    public const int Ok = 0;
    public const int Failed = 1;
    public const int BadUsage = 2;

    /// <summary>Parses <paramref name="args"/>, runs the chosen role or command and returns its exit code.</summary>
    public static int Run(string[] args, TextWriter output, TextWriter error)
    {
        RootCommand root = BuildRoot();
        ParseResult parsed = root.Parse(args);
        if (parsed.Errors.Count > 0)
        {
            // One line per problem, no help dump and no stack trace: scripts read the first line.
            foreach (var parseError in parsed.Errors)
            {
                error.WriteLine($"sysmedic: {parseError.Message}");
            }

            error.WriteLine("Try 'sysmedic --help'.");
            return BadUsage;
        }

        // The default exception handler would catch CliUsageException first (exit 1 and a stack trace).
        var invocation = new InvocationConfiguration { Output = output, Error = error, EnableDefaultExceptionHandler = false };
        try
        {
            return parsed.Invoke(invocation);
        }
        catch (CliUsageException ex)
        {
            error.WriteLine($"sysmedic: {ex.Message}");
            return BadUsage;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or InvalidOperationException)
        {
            // An operator gets the reason in one line; a stack trace helps nobody at a shell prompt.
            error.WriteLine($"sysmedic: {ex.Message}");
            return Failed;
        }
    }

    /// <summary>The root command with every subcommand and the global options.</summary>
    public static RootCommand BuildRoot()
    {
        var root = new RootCommand("SysMedic: a per-user Linux monitoring console, agent and relay.");
        root.Options.Add(CliOptions.Config);
        root.Options.Add(CliOptions.DoctorDaemon);
        root.Options.Add(CliOptions.WebSocketDaemon);
        root.Options.Add(CliOptions.Theme);
        root.Options.Add(CliOptions.Connect);
        root.Options.Add(CliOptions.SecretFile);
        root.Options.Add(CliOptions.ReadOnly);
        root.Options.Add(CliOptions.Fleet);
        root.Options.Add(CliOptions.ProcRoot);
        root.Options.Add(CliOptions.SysRoot);
        root.Options.Add(CliOptions.PasswdFile);
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(UsersCommand.Create());
        root.Subcommands.Add(AlertsCommand.Create());
        root.Subcommands.Add(HistoryCommand.Create());
        root.Subcommands.Add(UsageCommand.Create());
        root.Subcommands.Add(DaemonCommand.Create());
        root.Subcommands.Add(WebSocketCommand.Create());
        root.Subcommands.Add(DbCommand.Create());
        root.Subcommands.Add(VersionCommand.Create());
        root.Subcommands.Add(ConfigCommand.Create());
        root.Subcommands.Add(HostsCommand.Create());
        root.SetAction(RunDefault);
        return root;
    }

    private static int RunDefault(ParseResult parsed)
    {
        TextWriter error = parsed.InvocationConfiguration.Error;
        if (parsed.GetValue(CliOptions.DoctorDaemon))
        {
            return DoctorHost.Run(CliConfig.ResolvePath(parsed), error);
        }

        if (parsed.GetValue(CliOptions.WebSocketDaemon))
        {
            return RelayHost.Run(CliConfig.ResolvePath(parsed), error);
        }

        QuickConnectUrl? remote = null;
        string? secretFile = parsed.GetValue(CliOptions.SecretFile);
        if (parsed.GetValue(CliOptions.Connect) is { } connect)
        {
            if (!RemoteSecret.TryResolve(connect, secretFile, Environment.GetEnvironmentVariable, error, out remote, out string? problem))
            {
                throw new CliUsageException("--connect: " + problem);
            }
        }
        else if (secretFile is not null)
        {
            throw new CliUsageException("--secret-file goes with --connect");
        }

        bool fleet = parsed.GetValue(CliOptions.Fleet);
        if (fleet && remote is not null)
        {
            throw new CliUsageException("--fleet and --connect: choose one (Enter on a fleet host opens its console)");
        }

        SysMedicConfig config = CliConfig.Load(parsed);
        return ConsoleApp.Run(error, config, parsed.GetValue(CliOptions.Theme), remote, readOnly: parsed.GetValue(CliOptions.ReadOnly) || config.Console.ReadOnly, fleet: fleet);
    }
}

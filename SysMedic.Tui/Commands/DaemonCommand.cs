using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SysMedic.Agent.Daemon;
using SysMedic.Agent.Doctor;
using SysMedic.Core.Config;
using SysMedic.Core.Formatting;
using SysMedic.Core.Storage;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic daemon start|stop|status|restart</c>: the doctor outside systemd.</summary>
public static class DaemonCommand
{
    private const string Name = "SysMedic Doctor daemon";
    private static readonly TimeSpan ReadyTimeout = TimeSpan.FromSeconds(15);

    public static Command Create()
    {
        var command = new Command("daemon", "Start, stop and inspect the monitoring agent (the doctor)");
        command.Subcommands.Add(Sub("start", "Start the doctor in the background and wait until it is ready", Start));
        command.Subcommands.Add(Sub("stop", "Stop the doctor (SIGTERM) and wait until it has stopped", Stop));
        command.Subcommands.Add(Sub("status", "Say whether the doctor runs, since when, and its last check", Status));
        command.Subcommands.Add(Sub("restart", "Stop the doctor if it runs, then start it", (p, c) => Stop(p, c) == SysMedicCli.Ok ? Start(p, c) : SysMedicCli.Failed));
        return command;
    }

    private static Command Sub(string name, string description, Func<ParseResult, SysMedicConfig, int> action)
    {
        var command = new Command(name, description);
        command.SetAction(parsed => action(parsed, CliConfig.Load(parsed)));
        return command;
    }

    private static string PidPath(SysMedicConfig config) => Path.Combine(config.DataPath, DoctorHost.PidFileName);

    private static int Start(ParseResult parsed, SysMedicConfig config)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        if (PidFile.FindRunning(PidPath(config)) is { } running)
        {
            output.WriteLine($"{Name}: already running (PID: {running})");
            return SysMedicCli.Ok;
        }

        Directory.CreateDirectory(config.LogPath);
        string console = Path.Combine(config.LogPath, "doctor.out");
        Process shell = Spawn(CliConfig.ResolvePath(parsed), console);
        shell.WaitForExit();
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < ReadyTimeout)
        {
            if (PidFile.FindRunning(PidPath(config)) is { } pid && File.Exists(DoctorHost.SocketPath()))
            {
                output.WriteLine($"{Name}: started (PID: {pid})");
                return SysMedicCli.Ok;
            }

            Thread.Sleep(100);
        }

        TextWriter error = parsed.InvocationConfiguration.Error;
        error.WriteLine($"sysmedic: the doctor did not become ready within {ReadyTimeout.TotalSeconds:0} s; its last words ({console}):");
        foreach (string line in Tail(console, 10))
        {
            error.WriteLine("  " + line);
        }

        return SysMedicCli.Failed;
    }

    private static Process Spawn(string configPath, string console)
    {
        // A new session (setsid) with no terminal, so the doctor outlives this shell; its own output goes to a file.
        var psi = new ProcessStartInfo("/bin/sh") { UseShellExecute = false };
        psi.ArgumentList.Add("-c");
        psi.ArgumentList.Add("setsid \"$@\" </dev/null >>\"$SYSMEDIC_CONSOLE_LOG\" 2>&1 &");
        psi.ArgumentList.Add("sh");
        foreach (string arg in SelfCommand())
        {
            psi.ArgumentList.Add(arg);
        }

        psi.ArgumentList.Add("--doctor-daemon");
        psi.ArgumentList.Add("--config");
        psi.ArgumentList.Add(configPath);
        psi.Environment["SYSMEDIC_CONSOLE_LOG"] = console;
        return Process.Start(psi) ?? throw new InvalidOperationException("cannot start /bin/sh");
    }

    /// <summary>How to run this same program again: the binary, or <c>dotnet sysmedic.dll</c> when run through dotnet.</summary>
    internal static IReadOnlyList<string> SelfCommand()
    {
        string process = Environment.ProcessPath ?? "sysmedic";
        return Path.GetFileNameWithoutExtension(process) == "dotnet"
            ? [process, Path.Combine(AppContext.BaseDirectory, "sysmedic.dll")]
            : [process];
    }

    private static int Stop(ParseResult parsed, SysMedicConfig config)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        if (PidFile.FindRunning(PidPath(config)) is not { } pid)
        {
            output.WriteLine($"{Name}: not running");
            return SysMedicCli.Ok;
        }

        using Process? process = Find(pid);
        if (process is null)
        {
            output.WriteLine($"{Name}: not running (PID {pid} has just exited)");
            return SysMedicCli.Ok;
        }

        _ = NativeSignals.Kill(pid, NativeSignals.SigTerm);
        if (!process.WaitForExit(TimeSpan.FromSeconds(10)))
        {
            parsed.InvocationConfiguration.Error.WriteLine($"sysmedic: the doctor (PID: {pid}) did not stop within 10 s");
            return SysMedicCli.Failed;
        }

        output.WriteLine($"{Name}: stopped (PID: {pid})");
        return SysMedicCli.Ok;
    }

    private static int Status(ParseResult parsed, SysMedicConfig config)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        if (PidFile.FindRunning(PidPath(config)) is not { } pid)
        {
            output.WriteLine($"{Name}: not running");
            return SysMedicCli.Failed;
        }

        using Process? process = Find(pid);
        TimeSpan up = process is null ? TimeSpan.Zero : DateTime.Now - process.StartTime;
        output.WriteLine($"{Name}: running (PID: {pid})");
        output.WriteLine($"  up {Units.Duration(up)}, socket {DoctorHost.SocketPath()}");
        output.WriteLine($"  last check: {LastCheck(config)}");
        return SysMedicCli.Ok;
    }

    private static string LastCheck(SysMedicConfig config)
    {
        try
        {
            using var db = SysMedicDatabase.Open(config.DatabasePath(), TimeProvider.System, NullLogger.Instance, new StorageOptions { ReadOnly = true, QuickCheck = false, QuarantineCorrupt = false });
            DateTimeOffset now = DateTimeOffset.UtcNow;
            var buckets = db.History.System(now.AddHours(-1), now, 3600);
            return buckets.Count == 0
                ? "none in the last hour"
                : string.Create(CultureInfo.InvariantCulture, $"{buckets[^1].Start.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({Units.Duration(now - buckets[^1].Start)} ago)");
        }
        catch (StorageException ex)
        {
            return $"unknown ({ex.Message})";
        }
    }

    private static Process? Find(int pid)
    {
        try
        {
            return Process.GetProcessById(pid);
        }
        catch (ArgumentException)
        {
            return null;
        }
    }

    private static List<string> Tail(string path, int lines)
    {
        try
        {
            return File.ReadLines(path).TakeLast(lines).ToList();
        }
        catch (IOException)
        {
            return [];
        }
    }
}

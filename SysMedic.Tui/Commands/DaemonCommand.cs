using System.CommandLine;
using System.Globalization;
using Microsoft.Extensions.Logging.Abstractions;
using SysMedic.Agent.Daemon;
using SysMedic.Agent.Doctor;
using SysMedic.Agent.Protocol;
using SysMedic.Core.Config;
using SysMedic.Core.Formatting;
using SysMedic.Core.Protocol;
using SysMedic.Core.Storage;
using YamlDotNet.RepresentationModel;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic daemon start|stop|status|restart</c>: the doctor outside systemd.</summary>
public static class DaemonCommand
{
    private static readonly BackgroundDaemon Doctor = new("SysMedic Doctor daemon", "doctor", "--doctor-daemon", RuntimeFiles.DoctorPidPath, "doctor.out");

    public static Command Create()
    {
        var command = new Command("daemon", "Start, stop and inspect the monitoring agent (the doctor)");
        command.Subcommands.Add(Sub("start", "Start the doctor in the background and wait until it is ready", Start));
        command.Subcommands.Add(Sub("stop", "Stop the doctor (SIGTERM) and wait until it has stopped", Doctor.Stop));
        command.Subcommands.Add(Sub("status", "Say whether the doctor runs, since when, and its last check", Status));
        command.Subcommands.Add(Sub("restart", "Stop the doctor if it runs, then start it", (p, c) => Doctor.Stop(p, c) == SysMedicCli.Ok ? Start(p, c) : SysMedicCli.Failed));
        return command;
    }

    private static Command Sub(string name, string description, Func<ParseResult, SysMedicConfig, int> action)
    {
        var command = new Command(name, description);
        command.SetAction(parsed => action(parsed, CliConfig.Load(parsed)));
        return command;
    }

    private static int Start(ParseResult parsed, SysMedicConfig config) =>
        Doctor.Start(parsed, config, _ => File.Exists(DoctorHost.SocketPath()));

    private static int Status(ParseResult parsed, SysMedicConfig config)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        if (Doctor.Running(config) is not { } pid)
        {
            output.WriteLine($"{Doctor.Name}: not running");
            return SysMedicCli.Failed;
        }

        output.WriteLine($"{Doctor.Name}: running (PID: {pid})");
        output.WriteLine($"  up {Units.Duration(BackgroundDaemon.Uptime(pid))}, socket {DoctorHost.SocketPath()}");

        // data_path is read at start: after a change in the file, the doctor still writes where it started.
        (string? inUse, string storage, DateTimeOffset? sampled) = AskDoctor();
        if (inUse is not null && inUse != config.DataPath)
        {
            output.WriteLine($"  data_path: {inUse} (the file says {config.DataPath}: takes effect at restart)");
            config = config with { DataPath = inUse };
        }

        output.WriteLine($"  last check: {LastCheck(config, sampled)}");
        output.WriteLine($"  {storage}");
        return SysMedicCli.Ok;
    }

    // One question to the running doctor: the data_path it uses (null when it does not answer) and what its newest
    // snapshot says of its storage (a full disk shows here, not only in its log) and when it was sampled.
    private static (string? DataPath, string Storage, DateTimeOffset? Sampled) AskDoctor()
    {
        var snapshot = new TaskCompletionSource<SnapshotMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        try
        {
            return Task.Run(async () =>
            {
                TimeSpan limit = TimeSpan.FromSeconds(2);
                await using var doctor = await LocalSocketClient.ConnectAsync(DoctorHost.SocketPath(), limit, m =>
                {
                    if (m is SnapshotMessage s)
                    {
                        snapshot.TrySetResult(s);
                    }
                });
                string? path = await doctor.RequestAsync(id => new ConfigRequest(id), limit) is ConfigResult result
                    && result.Values.TryGetValue("data_path", out string? yaml)
                    && ConfigYaml.TryParseValue(yaml, out YamlNode node, out _) && node is YamlScalarNode { Value: { } value }
                    ? value
                    : null;
                SnapshotMessage latest = await snapshot.Task.WaitAsync(TimeSpan.FromSeconds(3));
                return (path, (latest.Storage ?? StorageInfo.Ok).Describe(), (DateTimeOffset?)latest.Snapshot.Timestamp);
            }).GetAwaiter().GetResult();
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or TimeoutException or OperationCanceledException or UnauthorizedAccessException)
        {
            return (null, $"storage: unknown (the doctor's socket did not answer: {ex.Message})", null);
        }
    }

    // The newest check stored; when the database cannot be read (the doctor could not create or open it: the storage
    // line says why), when the doctor last sampled instead.
    private static string LastCheck(SysMedicConfig config, DateTimeOffset? sampled)
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
            return sampled is { } at
                ? string.Create(CultureInfo.InvariantCulture, $"none stored; the doctor sampled at {at.UtcDateTime:yyyy-MM-dd HH:mm:ss} UTC ({Units.Duration(DateTimeOffset.UtcNow - at)} ago)")
                : $"unknown ({ex.Message})";
        }
    }
}

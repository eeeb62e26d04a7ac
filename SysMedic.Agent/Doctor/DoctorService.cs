using System.Reflection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using SysMedic.Agent.Daemon;
using SysMedic.Agent.Delivery;
using SysMedic.Agent.Protocol;
using SysMedic.Core.Config;
using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;

namespace SysMedic.Agent.Doctor;

/// <summary>
/// The doctor as a hosted service: configuration watcher, local socket, request handler and the monitoring loop. The
/// loop hands what it queues to the <see cref="DeliveryWorker"/>, which runs as a service of its own.
/// </summary>
public sealed class DoctorService(string configPath, DoctorState state, string socketPath, ILogger logger, ISystemdNotifier? notifier, DeliveryWorker delivery) : BackgroundService
{
    /// <summary>What the doctor can answer, announced in hello.</summary>
    public static readonly IReadOnlyList<string> Capabilities = ["history", "alerts", "resolve_alert", "user_detail", "config", "moment", "signal", "renice"];

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        TimeProvider time = TimeProvider.System;
        SysMedicConfig config = state.Config;
        using var sampler = new Sampler(config.ToSamplerOptions(), time, logger);
        using var watcher = new ConfigWatcher(configPath, config, logger, time, keysReadAtStart: DoctorHost.KeysReadAtStart);
        watcher.Changed += (_, e) => state.Config = e.Current;
        watcher.Start();

        var hello = new HelloMessage(
            ProtocolMessage.Version, "doctor", sampler.Options.Hostname, AgentVersion(), Kernel(), Environment.ProcessorCount,
            sampler.ReadSystem().Memory.TotalBytes, config.Monitoring.LiveInterval, Capabilities);
        using var loop = new MonitoringLoop(state, sampler, logger, time) { Queued = delivery.Wake };
        loop.OpenStorage();

        // The request handler gets its own connection: SQLite connections are not shared between threads.
        using var readDb = loop.Database is null ? null : Core.Storage.SysMedicDatabase.Open(loop.Database.Path, time, logger, new Core.Storage.StorageOptions { QuickCheck = false, QuarantineCorrupt = false });
        var handler = new DoctorRequestHandler(state, () => readDb, hello, logger);
        await using var server = new LocalSocketServer(socketPath, handler, logger);
        handler.AlertResolved += info => server.BroadcastEvent(new AlertMessage(AlertMessage.Resolved, info));
        try
        {
            server.Start();
            logger.LogInformation("doctor started: pid {Pid}, socket {Socket}, live every {Live} s, checks every {Check} s", Environment.ProcessId, socketPath, config.Monitoring.LiveInterval, config.Monitoring.CheckInterval);
        }
        catch (Exception ex) when (ex is IOException or System.Net.Sockets.SocketException or UnauthorizedAccessException)
        {
            logger.LogError("local socket {Socket} unavailable: {Message}; consoles cannot attach, monitoring goes on", socketPath, ex.Message);
        }

        loop.Server = server;
        bool watchdog = Environment.GetEnvironmentVariable("WATCHDOG_USEC") is not null;
        await loop.RunAsync(watchdog && notifier is not null ? () => notifier.Notify(new ServiceState("WATCHDOG=1")) : null, stoppingToken);
        logger.LogInformation("doctor stopping: last check stored");
    }

    private static string AgentVersion()
    {
        string v = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = v.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? v : v[..plus];
    }

    private static string Kernel()
    {
        try
        {
            return File.ReadAllText("/proc/sys/kernel/osrelease").Trim();
        }
        catch (IOException)
        {
            return "unknown";
        }
    }
}

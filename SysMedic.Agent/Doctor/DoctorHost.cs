using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Hosting.Systemd;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;
using SysMedic.Agent.Daemon;
using SysMedic.Agent.Delivery;
using SysMedic.Agent.Logging;
using SysMedic.Core.Config;

namespace SysMedic.Agent.Doctor;

/// <summary><c>sysmedic --doctor-daemon</c>: the monitoring agent in the foreground, as systemd runs it.</summary>
public static class DoctorHost
{
    /// <summary>Name of the doctor's PID file inside the runtime directory.</summary>
    public const string PidFileName = RuntimeFiles.DoctorPidFileName;

    /// <summary>Name of the doctor's socket inside the runtime directory.</summary>
    public const string SocketFileName = RuntimeFiles.SocketFileName;

    /// <summary>Environment variable naming another socket path (tests, or a second doctor on one host).</summary>
    public const string SocketVariable = RuntimeFiles.SocketVariable;

    /// <summary>Where the doctor's socket is: <c>SYSMEDIC_SOCKET</c>, else the runtime directory of the current user.</summary>
    public static string SocketPath() => RuntimeFiles.SocketPath();

    /// <summary>Keys the doctor reads only at start: a reload logs a change to them as taking effect at restart.</summary>
    public static readonly IReadOnlyList<string> KeysReadAtStart = ["data_path", "log_path"];

    /// <summary>How long a stop may take: the check in progress is finished, the database closed.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs until SIGTERM or SIGINT; exit code 0, 1 (failed to start) or 2 (invalid configuration).</summary>
    public static int Run(string configPath, TextWriter error)
    {
        _ = ProcessUmask.Set(ProcessUmask.Daemon);
        if (DaemonConfig.Load(configPath, error, "doctor") is not { } config)
        {
            return 2;
        }

        using Serilog.Core.Logger log = AgentLog.Create(config.LogPath, "sysmedic.log");
        if (DaemonConfig.AcquirePid(RuntimeFiles.DoctorPidPath(), RuntimeFiles.LegacyPidPath(config, PidFileName), "doctor", log, error) is not { } pid)
        {
            return 1;
        }

        using (pid)
        {
            HostApplicationBuilder builder = Host.CreateEmptyApplicationBuilder(new HostApplicationBuilderSettings());
            builder.Logging.ClearProviders();
            builder.Logging.AddProvider(new SerilogLoggerProvider(log));
            builder.Services.AddSystemd();
            builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = StopTimeout);
            string socket = SocketPath();
            var state = new DoctorState(config);

            // Delivery is a service of its own beside monitoring: the loop only wakes it.
            builder.Services.AddSingleton(sp => new DeliveryWorker(
                config.DatabasePath(), () => state.Config, sp.GetRequiredService<ILoggerFactory>().CreateLogger("delivery"), TimeProvider.System));
            builder.Services.AddHostedService(sp => new DoctorService(
                configPath, state, socket, sp.GetRequiredService<ILoggerFactory>().CreateLogger("doctor"), sp.GetService<ISystemdNotifier>(), sp.GetRequiredService<DeliveryWorker>()));
            builder.Services.AddHostedService(sp => new DeliveryService(sp.GetRequiredService<DeliveryWorker>()));
            using IHost host = builder.Build();
            host.Run();
        }

        return 0;
    }
}

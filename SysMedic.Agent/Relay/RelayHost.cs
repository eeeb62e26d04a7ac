using System.Net;
using System.Reflection;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Server.Kestrel.Core;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Serilog.Extensions.Logging;
using SysMedic.Agent.Daemon;
using SysMedic.Agent.Doctor;
using SysMedic.Agent.Logging;
using SysMedic.Core.Config;

namespace SysMedic.Agent.Relay;

/// <summary>
/// <c>sysmedic --websocket-daemon</c>: the network-facing relay in the foreground, as systemd runs it. Kestrel serves
/// <c>/ws</c>, <c>/status</c>, <c>/health</c> and <c>/metrics</c> on <c>websocket.bind:port</c> (wss when both TLS files
/// are set) and relays the protocol to the doctor's local socket.
/// </summary>
public static class RelayHost
{
    /// <summary>Name of the relay's PID file, in <c>relay/</c> under the runtime directory.</summary>
    public const string PidFileName = RuntimeFiles.RelayPidFileName;

    /// <summary>
    /// Keys the relay reads only at start (where it listens, with which certificate, where it logs, whether it may run):
    /// a reload logs a change to them as taking effect at restart.
    /// </summary>
    public static readonly IReadOnlyList<string> KeysReadAtStart =
        ["websocket.enabled", "websocket.bind", "websocket.port", "websocket.tls_cert", "websocket.tls_key", "log_path"];

    /// <summary>Most HTTP connections not (yet) upgraded to a WebSocket at once: requests in progress and idle keep-alives.</summary>
    public const int MaxHttpConnections = 256;

    /// <summary>How long a client may take to send a request's headers.</summary>
    public static readonly TimeSpan RequestHeadersTimeout = TimeSpan.FromSeconds(10);

    /// <summary>How long a connection may stay open waiting for a request (also the first one).</summary>
    public static readonly TimeSpan KeepAliveTimeout = TimeSpan.FromSeconds(15);

    /// <summary>How long a stop may take: clients are sent a close frame first.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(5);

    /// <summary>Runs until SIGTERM or SIGINT; exit code 0, 1 (failed to start) or 2 (invalid configuration).</summary>
    public static int Run(string configPath, TextWriter error)
    {
        _ = ProcessUmask.Set(ProcessUmask.Daemon);
        if (DaemonConfig.Load(configPath, error, "relay") is not { } config)
        {
            return 2;
        }

        if (!config.WebSocket.Enabled)
        {
            error.WriteLine($"sysmedic: websocket.enabled is false in {configPath}; the relay did not start");
            return 2;
        }

        using Serilog.Core.Logger log = AgentLog.Create(config.LogPath, "websocket.log");
        if (config.WebSocket.Secret.Length == 0)
        {
            // First start: make the secret and keep it in the file (mode 0600), so clients can be given it.
            string secret = RelaySecret.Generate();
            ConfigSetResult stored = RelaySecret.Store(configPath, secret);
            if (stored.Status != ConfigSetStatus.Written)
            {
                string why = string.Join("; ", stored.Messages);
                log.Error("no websocket.secret and it cannot be stored in {Path}: {Why}", configPath, why);
                error.WriteLine($"sysmedic: {configPath}: websocket.secret is empty and a new one cannot be stored there: {why}");
                error.WriteLine("sysmedic: run `sysmedic websocket new-secret` as a user who may write the file");
                return 1;
            }

            log.Information("websocket.secret was empty: a new one was generated and stored in {Path}", configPath);
            config = config with { WebSocket = config.WebSocket with { Secret = secret } };
        }

        if (DaemonConfig.AcquirePid(RuntimeFiles.RelayPidPath(), RuntimeFiles.LegacyPidPath(config, PidFileName), "websocket relay", log, error) is not { } pid)
        {
            return 1;
        }

        using (pid)
        {
            IHost app;
            try
            {
                app = Build(configPath, config, RuntimeFiles.SocketPath(), new SerilogLoggerProvider(log));
            }
            catch (Exception ex) when (ex is CryptographicException or IOException or ArgumentException)
            {
                log.Error("cannot start the relay: {Message}", ex.Message);
                error.WriteLine($"sysmedic: cannot start the relay: {ex.Message}");
                return 1;
            }

            try
            {
                app.Run();
            }
            catch (IOException ex)
            {
                // Kestrel reports an address in use as an IOException from its bind.
                log.Error("cannot listen on {Bind}:{Port}: {Message}", config.WebSocket.Bind, config.WebSocket.Port, ex.Message);
                error.WriteLine($"sysmedic: cannot listen on {config.WebSocket.Bind}:{config.WebSocket.Port}: {ex.Message}");
                return 1;
            }
            finally
            {
                app.Dispose();
            }
        }

        return 0;
    }

    /// <summary>
    /// The relay as a host, ready to run: Kestrel with the endpoints, the doctor link and the configuration watcher. A
    /// generic host with Kestrel's core alone (no WebApplication): the relay needs no routing, no configuration
    /// providers, no developer pages or forwarded headers, and leaving them out keeps them out of the binary.
    /// </summary>
    public static IHost Build(string configPath, SysMedicConfig config, string socketPath, ILoggerProvider logging)
    {
        WebSocketSection ws = config.WebSocket;
        IPAddress address = ParseBind(ws.Bind);
        X509Certificate2? certificate = ws.UsesTls ? X509Certificate2.CreateFromPemFile(ws.TlsCert, ws.TlsKey) : null;
        RelayEndpoints? endpoints = null;
        RelayHub? hub = null;
        var perAddress = new ConnectionsPerAddress(() => (hub?.Settings ?? ws).MaxConnectionsPerAddress, logging.CreateLogger("relay"));

        IHost host = new HostBuilder()
            .UseContentRoot(AppContext.BaseDirectory)
            .ConfigureLogging(log =>
            {
                log.ClearProviders();
                log.AddProvider(logging);
                log.AddFilter("Microsoft", LogLevel.Warning);
            })
            .ConfigureServices(services =>
            {
                services.AddSystemd();
                services.Configure<HostOptions>(o => o.ShutdownTimeout = StopTimeout);
            })
            .ConfigureWebHost(web =>
            {
                web.UseKestrelCore();
                if (certificate is not null)
                {
                    web.UseKestrelHttpsConfiguration();
                }

                web.ConfigureKestrel(kestrel => ConfigureKestrel(kestrel, ws, address, certificate, perAddress));
                web.Configure(app =>
                {
                    app.UseWebSockets();
                    app.Run(context => endpoints!.HandleAsync(context));
                });
            })
            .Build();

        ILogger logger = host.Services.GetRequiredService<ILoggerFactory>().CreateLogger("relay");
        IHostApplicationLifetime lifetime = host.Services.GetRequiredService<IHostApplicationLifetime>();
        var doctor = new DoctorLink(socketPath, logger);
        hub = new RelayHub(doctor, ws, logger, TimeProvider.System);
        var watcher = new ConfigWatcher(configPath, config, logger, TimeProvider.System, keysReadAtStart: KeysReadAtStart);
        watcher.Changed += (_, e) => hub.Apply(e.Current.WebSocket);
        endpoints = new RelayEndpoints(hub, new AuthThrottle(TimeProvider.System), logger, Version(), lifetime.ApplicationStopping);

        lifetime.ApplicationStarted.Register(() =>
        {
            doctor.Start();
            hub.Start();
            watcher.Start();
            logger.LogInformation("relay started: pid {Pid}, listening on {Scheme}://{Bind}:{Port}, doctor socket {Socket}, up to {Max} clients",
                Environment.ProcessId, certificate is null ? "ws" : "wss", ws.Bind, ws.Port, socketPath, ws.MaxClients);
        });
        lifetime.ApplicationStopped.Register(() =>
        {
            watcher.Dispose();
            hub.DisposeAsync().AsTask().GetAwaiter().GetResult();
            doctor.DisposeAsync().AsTask().GetAwaiter().GetResult();
            certificate?.Dispose();
            logger.LogInformation("relay stopped");
        });
        return host;
    }

    private static void ConfigureKestrel(KestrelServerOptions kestrel, WebSocketSection ws, IPAddress address, X509Certificate2? certificate, ConnectionsPerAddress perAddress)
    {
        kestrel.AddServerHeader = false;
        KestrelServerLimits limits = kestrel.Limits;
        // Kestrel stops counting a connection here once it is upgraded to a WebSocket; those are capped by the hub at
        // websocket.max_clients, exactly and as reloaded (so Kestrel's own upgraded-connection cap stays off).
        limits.MaxConcurrentConnections = MaxHttpConnections;
        limits.MaxConcurrentUpgradedConnections = null;
        limits.MaxRequestBodySize = 1024;
        limits.MaxRequestHeaderCount = 50;
        limits.MaxRequestHeadersTotalSize = 16 * 1024;
        limits.MaxRequestLineSize = 4 * 1024;
        limits.RequestHeadersTimeout = RequestHeadersTimeout;
        limits.KeepAliveTimeout = KeepAliveTimeout;
        kestrel.Listen(address, ws.Port, listen =>
        {
            listen.Protocols = HttpProtocols.Http1;

            // First, before TLS and HTTP: a connection over its address's share is closed before it costs anything.
            listen.Use(next => connection => LimitPerAddress(perAddress, next, connection));
            if (certificate is not null)
            {
                listen.UseHttps(certificate);
            }
        });
    }

    private static async Task LimitPerAddress(ConnectionsPerAddress perAddress, ConnectionDelegate next, ConnectionContext connection)
    {
        IPAddress remote = (connection.RemoteEndPoint as IPEndPoint)?.Address ?? IPAddress.None;
        if (!perAddress.TryEnter(remote))
        {
            return;
        }

        try
        {
            await next(connection);
        }
        finally
        {
            perAddress.Leave(remote);
        }
    }

    /// <summary>The address to listen on (see <see cref="ConfigMapping.TryParseBind"/>); configuration validation refuses anything else.</summary>
    public static IPAddress ParseBind(string bind) =>
        ConfigMapping.TryParseBind(bind, out IPAddress? address)
            ? address
            : throw new ArgumentException($"websocket.bind: '{bind}' is not an IP address (use 0.0.0.0, ::, 127.0.0.1 or localhost)");

    private static string Version()
    {
        string v = Assembly.GetEntryAssembly()?.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion ?? "unknown";
        int plus = v.IndexOf('+', StringComparison.Ordinal);
        return plus < 0 ? v : v[..plus];
    }
}

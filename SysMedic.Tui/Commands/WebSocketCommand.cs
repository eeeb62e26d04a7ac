using System.CommandLine;
using System.Globalization;
using System.Net;
using System.Net.NetworkInformation;
using System.Net.Sockets;
using System.Text.Json;
using SysMedic.Agent.Daemon;
using SysMedic.Agent.Relay;
using SysMedic.Core.Config;
using SysMedic.Core.ProcFs;
using SysMedic.Core.Protocol;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic websocket start [PORT]|stop|status|new-secret</c>: the WebSocket relay outside systemd.</summary>
public static class WebSocketCommand
{
    private static readonly BackgroundDaemon Relay = new("SysMedic WebSocket relay", "relay", "--websocket-daemon", RuntimeFiles.RelayPidPath, "websocket.out");

    public static Command Create()
    {
        var command = new Command("websocket", "Start, stop and inspect the WebSocket relay for remote consoles");
        var port = new Argument<int?>("PORT") { Description = "Listen on this port (saved to websocket.port)", Arity = ArgumentArity.ZeroOrOne };
        var start = new Command("start", "Start the relay in the background and wait until it listens");
        start.Arguments.Add(port);
        start.SetAction(parsed => Start(parsed, parsed.GetValue(port)));
        command.Subcommands.Add(start);
        command.Subcommands.Add(Sub("stop", "Stop the relay (SIGTERM) and wait until it has stopped", Relay.Stop));
        command.Subcommands.Add(Sub("status", "Say whether the relay runs, its address and clients, and the Quick Connect URL", Status));
        var ifMissing = new Option<bool>("--if-missing") { Description = "Only when the configuration has no secret yet (the relay unit's first start)" };
        var newSecret = new Command("new-secret", "Make a new secret; the running relay takes it and closes sessions that used the old one");
        newSecret.Options.Add(ifMissing);
        newSecret.SetAction(parsed => NewSecret(parsed, parsed.GetValue(ifMissing)));
        command.Subcommands.Add(newSecret);
        return command;
    }

    private static Command Sub(string name, string description, Func<ParseResult, SysMedicConfig, int> action)
    {
        var command = new Command(name, description);
        command.SetAction(parsed => action(parsed, CliConfig.Load(parsed)));
        return command;
    }

    private static int Start(ParseResult parsed, int? port)
    {
        if (port is { } p)
        {
            int set = ConfigSetCommand.Execute(CliConfig.ResolvePath(parsed), "websocket.port", p.ToString(CultureInfo.InvariantCulture),
                parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
            if (set != SysMedicCli.Ok)
            {
                return set;
            }
        }

        SysMedicConfig config = CliConfig.Load(parsed);
        if (!config.WebSocket.Enabled)
        {
            parsed.InvocationConfiguration.Error.WriteLine("sysmedic: websocket.enabled is false; set it to true to run the relay");
            return SysMedicCli.BadUsage;
        }

        int code = Relay.Start(parsed, config, pid => NetTcp.PidListensOn("/proc", pid, config.WebSocket.Port));
        if (code == SysMedicCli.Ok && CliConfig.Load(parsed) is { WebSocket.Secret.Length: > 0 } now)
        {
            parsed.InvocationConfiguration.Output.WriteLine($"  Quick Connect: {QuickConnect(now.WebSocket)}");
        }

        return code;
    }

    private static int Status(ParseResult parsed, SysMedicConfig config)
    {
        TextWriter output = parsed.InvocationConfiguration.Output;
        WebSocketSection ws = config.WebSocket;
        if (Relay.Running(config) is not { } pid)
        {
            output.WriteLine($"{Relay.Name}: not running");
            return SysMedicCli.Failed;
        }

        output.WriteLine($"{Relay.Name}: running (PID: {pid})");
        output.WriteLine($"  up {Core.Formatting.Units.Duration(BackgroundDaemon.Uptime(pid))}, listening on {(ws.UsesTls ? "wss" : "ws")}://{ws.Bind}:{ws.Port}/ws");
        if (AskStatus(ws) is { } status)
        {
            output.WriteLine($"  clients: {status.Clients} of {status.MaxClients}, snapshots every {status.UpdateIntervalSeconds} s");
            output.WriteLine(status.DoctorUp ? $"  doctor: connected (host {status.Host})" : $"  doctor: unavailable ({status.DoctorReason})");
        }
        else
        {
            output.WriteLine("  clients: unknown (the relay does not answer /status)");
        }

        if (ws.Secret.Length > 0)
        {
            output.WriteLine($"  Quick Connect: {QuickConnect(ws)}");
        }

        return SysMedicCli.Ok;
    }

    private static int NewSecret(ParseResult parsed, bool ifMissing)
    {
        string path = CliConfig.ResolvePath(parsed);
        TextWriter output = parsed.InvocationConfiguration.Output;
        TextWriter error = parsed.InvocationConfiguration.Error;
        if (ifMissing && CliConfig.Load(parsed).WebSocket.Secret.Length > 0)
        {
            return SysMedicCli.Ok;
        }
        ConfigSetResult result = RelaySecret.Store(path, RelaySecret.Generate());
        foreach (string message in result.Messages)
        {
            error.WriteLine(result.Status == ConfigSetStatus.Written ? message : $"sysmedic: {message}");
        }

        if (result.Status != ConfigSetStatus.Written)
        {
            return result.Status == ConfigSetStatus.Invalid ? SysMedicCli.BadUsage : SysMedicCli.Failed;
        }

        SysMedicConfig config = CliConfig.Load(parsed);
        output.WriteLine($"websocket.secret: new secret stored in {path} (mode 0600)");
        if (Relay.Running(config) is { } pid)
        {
            // The relay also sees the file change; the signal makes the reload immediate.
            _ = NativeSignals.Kill(pid, NativeSignals.SigHup);
            output.WriteLine($"  the running relay (PID: {pid}) takes it now and disconnects clients that used the old one");
        }

        output.WriteLine($"  Quick Connect: {QuickConnect(config.WebSocket)}");
        return SysMedicCli.Ok;
    }

    /// <summary>The Quick Connect URL for this host: the bind address when it is a specific one, else the primary address.</summary>
    internal static QuickConnectUrl QuickConnect(WebSocketSection ws)
    {
        IPAddress bind = RelayHost.ParseBind(ws.Bind);
        IPAddress host = bind.Equals(IPAddress.Any) || bind.Equals(IPAddress.IPv6Any) ? PrimaryAddress() : bind;
        return new QuickConnectUrl(ws.Secret, host.ToString(), ws.Port, ws.UsesTls);
    }

    /// <summary>
    /// The address other hosts most likely reach this one at: the source address of the default route, else the first
    /// address of an interface that is up, else loopback.
    /// </summary>
    internal static IPAddress PrimaryAddress()
    {
        try
        {
            using var probe = new Socket(AddressFamily.InterNetwork, SocketType.Dgram, ProtocolType.Udp);
            probe.Connect(new IPEndPoint(IPAddress.Parse("192.0.2.1"), 9)); // UDP connect sends nothing; it only picks a route.
            if (probe.LocalEndPoint is IPEndPoint { Address: var address } && !address.Equals(IPAddress.Any))
            {
                return address;
            }
        }
        catch (SocketException)
        {
            // No route: look at the interfaces.
        }

        foreach (NetworkInterface nic in NetworkInterface.GetAllNetworkInterfaces())
        {
            if (nic.OperationalStatus != OperationalStatus.Up || nic.NetworkInterfaceType == NetworkInterfaceType.Loopback)
            {
                continue;
            }

            foreach (UnicastIPAddressInformation a in nic.GetIPProperties().UnicastAddresses)
            {
                if (a.Address.AddressFamily == AddressFamily.InterNetwork)
                {
                    return a.Address;
                }
            }
        }

        return IPAddress.Loopback;
    }

    private static IPAddress LocalTarget(WebSocketSection ws)
    {
        IPAddress bind = RelayHost.ParseBind(ws.Bind);
        return bind.Equals(IPAddress.Any) ? IPAddress.Loopback : bind.Equals(IPAddress.IPv6Any) ? IPAddress.IPv6Loopback : bind;
    }

    private static bool Listens(WebSocketSection ws)
    {
        try
        {
            IPAddress target = LocalTarget(ws);
            using var client = new TcpClient(target.AddressFamily);
            return client.ConnectAsync(target, ws.Port).Wait(TimeSpan.FromSeconds(1));
        }
        catch (Exception ex) when (ex is SocketException or AggregateException)
        {
            return false;
        }
    }

    private static RelayStatus? AskStatus(WebSocketSection ws)
    {
        try
        {
            // The relay's certificate is usually self-signed: trust exactly the one the configuration names, since the
            // request carries the secret.
            using var expected = ws.UsesTls ? System.Security.Cryptography.X509Certificates.X509CertificateLoader.LoadCertificateFromFile(ws.TlsCert) : null;
            using var handler = new HttpClientHandler
            {
                ServerCertificateCustomValidationCallback = (_, presented, _, _) => expected is not null && presented?.GetCertHashString() == expected.GetCertHashString(),
            };
            using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(3) };
            var target = LocalTarget(ws);
            string host = target.AddressFamily == AddressFamily.InterNetworkV6 ? $"[{target}]" : target.ToString();
            using var request = new HttpRequestMessage(HttpMethod.Get, $"{(ws.UsesTls ? "https" : "http")}://{host}:{ws.Port}/status");
            request.Headers.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", ws.Secret);
            using HttpResponseMessage response = http.Send(request);
            if (!response.IsSuccessStatusCode)
            {
                return null;
            }

            using Stream body = response.Content.ReadAsStream();
            return JsonSerializer.Deserialize(body, RelayJsonContext.Default.RelayStatus);
        }
        catch (Exception ex) when (ex is HttpRequestException or TaskCanceledException or JsonException or IOException or System.Security.Cryptography.CryptographicException)
        {
            return null;
        }
    }
}

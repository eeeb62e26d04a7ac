using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using System.Text.Json;
using SysMedic.Agent.Relay;
using SysMedic.Core.Config;
using SysMedic.Tests.Agent;
using SysMedic.Tests.Delivery;
using Websocket.Client;

namespace SysMedic.Tests.Relay;

/// <summary>The real binary as doctor and relay, reached over 127.0.0.1 by Websocket.Client, Python websockets and plain HTTP.</summary>
[NonParallelizable]
[CancelAfter(180_000)]
public class RelayEndToEndTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private string _dir = "";
    private int _port;
    private DoctorProcess? _doctor;
    private DoctorProcess? _relay;
    private string _body = "";

    [SetUp]
    public void Create()
    {
        _dir = Directory.CreateTempSubdirectory("sysmedic-relay-").FullName;
        _port = FreePort.Next();
    }

    [TearDown]
    public void Clean()
    {
        _relay?.Dispose();
        _doctor?.Dispose();
        _relay = null;
        _doctor = null;
        Directory.Delete(_dir, recursive: true);
    }

    private string ConfigPath => Path.Combine(_dir, "config.yaml");

    private string Secret => ConfigLoader.LoadForCurrentUser(ConfigPath).Config.WebSocket.Secret;

    private void StartBoth(int maxClients = 100, string moreWebSocket = "")
    {
        _doctor = DoctorProcess.Start(_dir, _body = $"""
            monitoring:
              live_interval: 1
            user_filtering:
              ignore_system_users: false
              min_cpu_percent: 0
              min_memory_percent: 0
              excluded_users: []
            websocket:
              bind: 127.0.0.1
              port: {_port}
              update_interval: 1
              max_clients: {maxClients}
            {moreWebSocket}
            """);
        _relay = DoctorProcess.StartRelay(_dir);
        Assert.That(DoctorProcess.WaitFor(() => Get("/health").Status == HttpStatusCode.OK, Limit), Is.True, "the relay reports the doctor up");
    }

    private (HttpStatusCode Status, string Body, HttpResponseMessage Response) Get(string path, string? secret = null, IPAddress? from = null)
    {
        var handler = new SocketsHttpHandler();
        if (from is not null)
        {
            handler.ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            };
        }

        using var http = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(20) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_port}{path}");
        if (secret is not null)
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", secret);
        }

        try
        {
            HttpResponseMessage response = http.Send(request);
            return (response.StatusCode, response.Content.ReadAsStringAsync().GetAwaiter().GetResult(), response);
        }
        catch (HttpRequestException)
        {
            return (0, "", new HttpResponseMessage());
        }
    }

    [Test]
    public async Task A_client_with_the_secret_gets_hello_then_snapshots()
    {
        StartBoth();
        using RelayTestClient client = await RelayTestClient.ConnectAsync(_port, Secret);
        JsonElement hello = client.Next("hello", Limit);
        Assert.That(hello.GetProperty("protocol_version").GetInt32(), Is.EqualTo(1));
        Assert.That(hello.GetProperty("role").GetString(), Is.EqualTo("relay"));
        Assert.That(hello.GetProperty("host").GetString(), Is.EqualTo(Dns.GetHostName()));
        Assert.That(hello.GetProperty("live_interval_seconds").GetDouble(), Is.EqualTo(1));
        Assert.That(hello.GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()), Does.Contain("resolve_alert"));

        JsonElement first = client.Next("snapshot", Limit);
        JsonElement second = client.Next("snapshot", Limit);
        Assert.That(second.GetProperty("sent_at").GetDateTimeOffset(), Is.GreaterThan(first.GetProperty("sent_at").GetDateTimeOffset()));
        Assert.That(second.GetProperty("snapshot").GetProperty("processes").GetArrayLength(), Is.InRange(1, RelayHub.MaxProcesses));
        Assert.That(second.GetProperty("snapshot").GetProperty("system").GetProperty("cpu_count").GetInt32(), Is.EqualTo(Environment.ProcessorCount));

        client.Send("""{"type":"alerts","id":"q1","all":true,"limit":10}""");
        JsonElement alerts = client.Next("alerts_result", Limit);
        Assert.That(alerts.GetProperty("id").GetString(), Is.EqualTo("q1"));

        client.Send("""{"type":"user_detail","id":"q2","user":"root"}""");
        JsonElement detail = client.Next("user_detail_result", Limit);
        Assert.That(detail.GetProperty("id").GetString(), Is.EqualTo("q2"));
        Assert.That(detail.GetProperty("user").GetString(), Is.EqualTo("root"));

        client.Send("""{"type":"config","id":"q3"}""");
        JsonElement config = client.Next("config_result", Limit);
        Assert.That(config.GetProperty("values").GetProperty("websocket.port").GetString(), Is.EqualTo(_port.ToString(System.Globalization.CultureInfo.InvariantCulture)));
        Assert.That(config.GetRawText(), Does.Not.Contain(Secret));
    }

    [Test]
    public async Task A_client_on_the_summary_feed_gets_a_few_hundred_bytes_an_interval_and_no_snapshot_until_it_asks()
    {
        StartBoth();
        using RelayTestClient fleet = await RelayTestClient.ConnectAsync(_port, Secret, feed: "summary");
        using RelayTestClient console = await RelayTestClient.ConnectAsync(_port, Secret);
        Assert.That(fleet.Next("hello", Limit).GetProperty("capabilities").EnumerateArray().Select(c => c.GetString()), Does.Contain(RelayHub.SummaryCapability));

        JsonElement first = fleet.Next("summary", Limit);
        JsonElement second = fleet.Next("summary", Limit);
        Assert.Multiple(() =>
        {
            Assert.That(second.GetProperty("sent_at").GetDateTimeOffset(), Is.GreaterThan(first.GetProperty("sent_at").GetDateTimeOffset()));
            Assert.That(second.GetProperty("host").GetString(), Is.EqualTo(Dns.GetHostName()));
            Assert.That(second.GetProperty("cpu_count").GetInt32(), Is.EqualTo(Environment.ProcessorCount));
            Assert.That(second.GetProperty("status").GetString(), Is.AnyOf("Light Usage", "Medium Usage", "Heavy Load"));
            Assert.That(second.GetProperty("users").GetInt32(), Is.GreaterThan(0), "ignore_system_users is off: root is a user");
            Assert.That(second.GetProperty("top_user").GetString(), Is.Not.Empty);
        });
        Assert.That(fleet.Types, Does.Not.Contain("snapshot"), "the summary feed starts without a full snapshot");
        int summaryBytes = fleet.Sizes.Max();
        Assert.That(summaryBytes, Is.LessThan(600), "a summary is a few hundred bytes");

        console.Next("snapshot", Limit);
        Assert.That(console.Types, Does.Not.Contain("summary"));
        Assert.That(console.Sizes.Max(), Is.GreaterThan(10 * summaryBytes), "the snapshot feed is still the whole host");

        // The same connection moves to the snapshot feed and back.
        fleet.Send("""{"type":"subscribe","id":"s1","feed":"snapshot"}""");
        Assert.That(fleet.Next("subscribe_result", Limit).GetProperty("feed").GetString(), Is.EqualTo("snapshot"));
        Assert.That(fleet.Next("snapshot", Limit).GetProperty("snapshot").GetProperty("hostname").GetString(), Is.EqualTo(Dns.GetHostName()));
        fleet.Send("""{"type":"subscribe","id":"s2","feed":"everything"}""");
        Assert.That(fleet.Next("error", Limit).GetProperty("code").GetString(), Is.EqualTo("bad_request"));
        fleet.Send("""{"type":"subscribe","id":"s3","feed":"summary"}""");
        fleet.Next("subscribe_result", Limit);
        fleet.Next("summary", Limit);

        (HttpStatusCode status, string body, _) = Get("/ws?feed=everything", Secret);
        Assert.That(status, Is.EqualTo(HttpStatusCode.BadRequest));
        Assert.That(body, Does.Contain("feed must be snapshot or summary"));
    }

    [Test]
    public async Task An_alert_resolved_through_the_relay_names_the_remote_address_and_reaches_every_client()
    {
        Directory.CreateDirectory(Path.Combine(_dir, "data"));
        long id;
        using (var db = SysMedic.Core.Storage.SysMedicDatabase.Open(Path.Combine(_dir, "data", "sysmedic.db"), TimeProvider.System,
            Microsoft.Extensions.Logging.Abstractions.NullLogger.Instance, new SysMedic.Core.Storage.StorageOptions()))
        {
            id = db.Alerts.Insert(new SysMedic.Core.Alerts.Alert(0, DateTimeOffset.UtcNow, SysMedic.Core.Alerts.AlertType.User, SysMedic.Core.Alerts.AlertSeverity.High, "user:alice:cpu", "alice over her CPU threshold"));
        }

        StartBoth();
        Assert.That(Get("/metrics", Secret).Body, Does.Contain("sysmedic_alerts_unresolved{severity=\"high\"} 1\n"));
        using RelayTestClient resolver = await RelayTestClient.ConnectAsync(_port, Secret);
        using RelayTestClient watcher = await RelayTestClient.ConnectAsync(_port, Secret);
        resolver.Next("hello", Limit);
        watcher.Next("hello", Limit);

        resolver.Send($$"""{"type":"resolve_alert","id":"r1","alert_id":{{id}},"note":"job killed","by":"ops"}""");
        JsonElement result = resolver.Next("resolve_alert_result", Limit);
        Assert.That(result.GetProperty("id").GetString(), Is.EqualTo("r1"));
        Assert.That(result.GetProperty("alert").GetProperty("resolved_by").GetString(), Is.EqualTo("ops (remote 127.0.0.1)"));
        Assert.That(result.GetProperty("alert").GetProperty("resolution_note").GetString(), Is.EqualTo("job killed"));

        JsonElement pushed = watcher.Next("alert", Limit);
        Assert.That(pushed.GetProperty("event").GetString(), Is.EqualTo("resolved"));
        Assert.That(pushed.GetProperty("alert").GetProperty("id").GetInt64(), Is.EqualTo(id));

        resolver.Send($$"""{"type":"resolve_alert","id":"r2","alert_id":{{id}},"note":"again","by":"ops"}""");
        Assert.That(resolver.Next("error", Limit).GetProperty("id").GetString(), Is.EqualTo("r2"), "resolving twice is an error");
        Assert.That(Get("/metrics", Secret).Body, Does.Contain("sysmedic_alerts_unresolved{severity=\"high\"} 0\n"));
    }

    [Test]
    public async Task With_a_certificate_and_key_the_relay_speaks_only_tls()
    {
        string thumbprint;
        using (var certificate = TestCertificate.Create())
        {
            File.WriteAllText(Path.Combine(_dir, "relay.crt"), certificate.ExportCertificatePem());
            File.WriteAllText(Path.Combine(_dir, "relay.key"), System.Security.Cryptography.X509Certificates.RSACertificateExtensions.GetRSAPrivateKey(certificate)!.ExportPkcs8PrivateKeyPem());
            thumbprint = certificate.GetCertHashString();
        }

        File.WriteAllText(ConfigPath, $"data_path: {_dir}/data\nlog_path: {_dir}/log\nwebsocket:\n  bind: 127.0.0.1\n  port: {_port}\n" +
            $"  tls_cert: {_dir}/relay.crt\n  tls_key: {_dir}/relay.key\n");
        _relay = DoctorProcess.StartRelay(_dir);
        using var handler = new HttpClientHandler { ServerCertificateCustomValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == thumbprint };
        using var https = new HttpClient(handler) { Timeout = TimeSpan.FromSeconds(5) };
        HttpStatusCode health = 0;
        Assert.That(DoctorProcess.WaitFor(() =>
        {
            try
            {
                using var response = https.GetAsync($"https://127.0.0.1:{_port}/health").GetAwaiter().GetResult();
                health = response.StatusCode;
                return true;
            }
            catch (HttpRequestException)
            {
                return false;
            }
        }, Limit), Is.True);
        Assert.That(health, Is.EqualTo(HttpStatusCode.ServiceUnavailable), "no doctor here: down, over TLS");
        Assert.That(Get("/health").Status, Is.EqualTo((HttpStatusCode)0), "plain HTTP gets no answer");

        using var socket = new ClientWebSocket();
        socket.Options.SetRequestHeader("Authorization", "Bearer " + Secret);
        socket.Options.RemoteCertificateValidationCallback = (_, presented, _, _) => presented?.GetCertHashString() == thumbprint;
        await socket.ConnectAsync(new Uri($"wss://127.0.0.1:{_port}/ws"), CancellationToken.None);
        var buffer = new byte[4096];
        WebSocketReceiveResult first = await socket.ReceiveAsync(buffer, new CancellationTokenSource(Limit).Token);
        Assert.That(Encoding.UTF8.GetString(buffer, 0, first.Count), Does.Contain("\"type\":\"doctor_unavailable\""));
        var (code, output) = Cli("websocket", "status");
        Assert.That(output, Does.Contain($"listening on wss://127.0.0.1:{_port}/ws").And.Contain($"Quick Connect: sysmedics://{Secret}@127.0.0.1:{_port}/"));
        Assert.That(output, Does.Contain("clients: 1 of 100"), "status is read over TLS too");
        Assert.That(code, Is.Zero);
    }

    [Test]
    public void A_peer_that_stops_answering_pings_is_dropped()
    {
        StartBoth();
        // A WebSocket upgrade by hand, after which this peer reads and answers nothing, like a host that vanished.
        using var peer = new TcpClient();
        peer.Connect(IPAddress.Loopback, _port);
        NetworkStream stream = peer.GetStream();
        string upgrade = $"GET /ws HTTP/1.1\r\nHost: 127.0.0.1:{_port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n" +
            $"Sec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\nAuthorization: Bearer {Secret}\r\n\r\n";
        stream.Write(Encoding.ASCII.GetBytes(upgrade));
        var head = new byte[12];
        stream.ReadExactly(head);
        Assert.That(Encoding.ASCII.GetString(head), Is.EqualTo("HTTP/1.1 101"));
        Assert.That(DoctorProcess.WaitFor(() => Clients() == 1, Limit), Is.True);

        // Pings go every 15 s and a peer gets another 15 s to answer.
        Assert.That(DoctorProcess.WaitFor(() => Clients() == 0, TimeSpan.FromSeconds(90)), Is.True, "the silent peer was dropped");
    }

    private int Clients()
    {
        var (status, body, _) = Get("/status", Secret);
        if (status != HttpStatusCode.OK)
        {
            return -1;
        }

        using JsonDocument doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("clients").GetInt32();
    }

    [TestCase("bearer")]
    [TestCase("subprotocol")]
    public void An_independent_python_client_is_served(string mode)
    {
        StartBoth();
        var lines = Python(mode, Secret, 2);
        Assert.That(lines, Has.Count.EqualTo(2), string.Join("\n", lines));
        Assert.That(lines[0], Does.StartWith("hello role=relay"));
        Assert.That(lines[1], Does.StartWith("snapshot"));
        Assert.That(lines[0], Does.EndWith(mode == "subprotocol" ? "subprotocol=sysmedic.v1" : "subprotocol=None"));
    }

    [Test]
    public void A_wrong_missing_or_query_string_secret_gets_401_and_nothing_else()
    {
        StartBoth();
        Assert.That(Python("bearer", "not-the-secret", 1), Is.EqualTo(new[] { "rejected 401" }));
        Assert.That(Python("subprotocol", "not-the-secret", 1), Is.EqualTo(new[] { "rejected 401" }));
        Assert.That(Python("query", Secret, 1), Is.EqualTo(new[] { "rejected 401" }), "a token in the query string is not accepted");
        foreach (string path in (string[])["/status", "/metrics"])
        {
            var (status, body, response) = Get(path);
            Assert.That(status, Is.EqualTo(HttpStatusCode.Unauthorized), path);
            Assert.That(body, Is.Empty, path);
            Assert.That(Get(path, "wrong").Status, Is.EqualTo(HttpStatusCode.Unauthorized), path);
            response.Dispose();
        }

        var (ok, statusBody, _) = Get("/status", Secret);
        Assert.That(ok, Is.EqualTo(HttpStatusCode.OK));
        using JsonDocument doc = JsonDocument.Parse(statusBody);
        Assert.That(doc.RootElement.GetProperty("doctor_up").GetBoolean(), Is.True);
        Assert.That(doc.RootElement.GetProperty("port").GetInt32(), Is.EqualTo(_port));
        Assert.That(statusBody, Does.Not.Contain(Secret));
    }

    [Test]
    public async Task Repeated_failures_from_one_address_are_refused_with_429_while_others_are_served()
    {
        StartBoth();
        var attacker = IPAddress.Parse("127.0.0.2");
        // The failures are answered slower and slower; sent at once, they all count.
        var attempts = Enumerable.Range(0, AuthThrottle.BlockAfter).Select(_ => Task.Run(() => Get("/status", "guess", attacker).Status)).ToArray();
        HttpStatusCode[] answers = await Task.WhenAll(attempts);
        Assert.That(answers, Is.All.EqualTo(HttpStatusCode.Unauthorized));

        var (status, _, response) = Get("/status", Secret, attacker);
        Assert.That(status, Is.EqualTo(HttpStatusCode.TooManyRequests), "even the right secret is refused while blocked");
        Assert.That(response.Headers.RetryAfter, Is.Not.Null);
        Assert.That(Get("/status", Secret).Status, Is.EqualTo(HttpStatusCode.OK), "another address is still served");
        Assert.That(DoctorProcess.WaitFor(() => ReadLog("websocket").Contains("127.0.0.2: 10 failed logins", StringComparison.Ordinal), Limit), Is.True, ReadLog("websocket"));
    }

    [Test]
    public async Task Malformed_unknown_and_oversized_input_gets_errors_or_a_close_and_the_relay_goes_on()
    {
        StartBoth();
        using (RelayTestClient client = await RelayTestClient.ConnectAsync(_port, Secret))
        {
            client.Next("hello", Limit);
            client.Send("{not json");
            Assert.That(client.Next("error", Limit).GetProperty("code").GetString(), Is.EqualTo("bad_json"));
            client.Send("""{"type":"frobnicate","id":"7"}""");
            JsonElement unknown = client.Next("error", Limit);
            Assert.That(unknown.GetProperty("code").GetString(), Is.EqualTo("unknown_type"));
            Assert.That(unknown.GetProperty("id").GetString(), Is.EqualTo("7"));
            client.Send("""{"type":"hello","protocol_version":1}""");
            Assert.That(client.Next("error", Limit).GetProperty("code").GetString(), Is.EqualTo("bad_request"));
            client.Send("""{"type":"history","id":"h","scope":"system","range_seconds":"soon","buckets":10}""");
            Assert.That(client.Next("error", Limit).GetProperty("code").GetString(), Is.EqualTo("bad_request"));
            client.Send("""{"type":"alerts","id":"still","all":false,"limit":5,"extra_field":{"ignored":true}}""");
            Assert.That(client.Next("alerts_result", Limit).GetProperty("id").GetString(), Is.EqualTo("still"));
        }

        using (var raw = new ClientWebSocket())
        {
            raw.Options.SetRequestHeader("Authorization", "Bearer " + Secret);
            await raw.ConnectAsync(new Uri($"ws://127.0.0.1:{_port}/ws"), CancellationToken.None);
            await raw.SendAsync(Encoding.UTF8.GetBytes("{\"type\":\"alerts\",\"id\":\"" + new string('x', 70_000) + "\"}"), WebSocketMessageType.Text, true, CancellationToken.None);
            Assert.That(await DrainUntilClosed(raw), Is.EqualTo(WebSocketCloseStatus.MessageTooBig));
        }

        using (var raw = new ClientWebSocket())
        {
            raw.Options.SetRequestHeader("Authorization", "Bearer " + Secret);
            await raw.ConnectAsync(new Uri($"ws://127.0.0.1:{_port}/ws"), CancellationToken.None);
            await raw.SendAsync(new byte[] { 1, 2, 3 }, WebSocketMessageType.Binary, true, CancellationToken.None);
            Assert.That(await DrainUntilClosed(raw), Is.EqualTo(WebSocketCloseStatus.InvalidMessageType));
        }

        Assert.That(_relay!.HasExited, Is.False);
        using RelayTestClient after = await RelayTestClient.ConnectAsync(_port, Secret);
        after.Next("snapshot", Limit);
    }

    [Test]
    public async Task The_client_over_max_clients_gets_503()
    {
        StartBoth(maxClients: 2);
        using RelayTestClient one = await RelayTestClient.ConnectAsync(_port, Secret);
        using RelayTestClient two = await RelayTestClient.ConnectAsync(_port, Secret);
        one.Next("hello", Limit);
        two.Next("hello", Limit);
        Assert.That(Python("bearer", Secret, 1), Is.EqualTo(new[] { "rejected 503" }));
        two.Dispose();
        Assert.That(DoctorProcess.WaitFor(() => Python("bearer", Secret, 1) is ["hello role=relay subprotocol=None"], Limit), Is.True, "a place frees when a client leaves");
    }

    [Test]
    public async Task One_address_holding_many_idle_connections_locks_nobody_else_out()
    {
        StartBoth(maxClients: 2, moreWebSocket: "  max_connections_per_address: 4");
        var idle = new List<Socket>();
        try
        {
            // More idle connections from 127.0.0.1 than the relay takes from everyone together.
            for (int i = 0; i < 300; i++)
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(IPAddress.Loopback, 0));
                socket.Connect(IPAddress.Loopback, _port);
                idle.Add(socket);
            }

            Assert.That(DoctorProcess.WaitFor(() => idle.Count(StillOpen) == 4, Limit), Is.True,
                $"the relay keeps 4 connections from 127.0.0.1 and closes the rest ({idle.Count(StillOpen)} open)");

            var (status, body, _) = Get("/status", Secret, from: IPAddress.Parse("127.0.0.2"));
            Assert.That(status, Is.EqualTo(HttpStatusCode.OK), "another address still gets /status");
            Assert.That(body, Does.Contain("\"role\":\"relay\""));
            using ClientWebSocket console = await WebSocketFrom(IPAddress.Parse("127.0.0.3"));
            string hello = await ReceiveText(console);
            Assert.That(hello, Does.Contain("\"type\":\"hello\""), "and a remote console from another address connects");
            Assert.That(ReadLog("websocket"), Does.Contain("127.0.0.1: 4 connections at once already (websocket.max_connections_per_address)"));
        }
        finally
        {
            idle.ForEach(s => s.Dispose());
        }
    }

    [Test]
    public void An_idle_connection_is_closed_after_the_keep_alive_timeout()
    {
        StartBoth();
        using var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
        socket.Bind(new IPEndPoint(IPAddress.Parse("127.0.0.4"), 0));
        socket.Connect(IPAddress.Loopback, _port);
        var clock = Stopwatch.StartNew();
        Assert.That(DoctorProcess.WaitFor(() => !StillOpen(socket), TimeSpan.FromSeconds(40)), Is.True);
        Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(25)), "a connection that sends nothing does not hold its place for a minute");
    }

    private static bool StillOpen(Socket socket)
    {
        try
        {
            // Readable with nothing to read: the other end closed (or reset) it.
            return !(socket.Poll(0, SelectMode.SelectRead) && socket.Available == 0);
        }
        catch (SocketException)
        {
            return false;
        }
    }

    private async Task<ClientWebSocket> WebSocketFrom(IPAddress from)
    {
        var handler = new SocketsHttpHandler
        {
            ConnectCallback = async (context, cancel) =>
            {
                var socket = new Socket(AddressFamily.InterNetwork, SocketType.Stream, ProtocolType.Tcp);
                socket.Bind(new IPEndPoint(from, 0));
                await socket.ConnectAsync(context.DnsEndPoint, cancel);
                return new NetworkStream(socket, ownsSocket: true);
            },
        };
        var client = new ClientWebSocket();
        client.Options.SetRequestHeader("Authorization", "Bearer " + Secret);
        using var invoker = new HttpMessageInvoker(handler);
        await client.ConnectAsync(new Uri($"ws://127.0.0.1:{_port}/ws"), invoker, CancellationToken.None);
        return client;
    }

    private static async Task<string> ReceiveText(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var limit = new CancellationTokenSource(Limit);
        WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, limit.Token);
        return Encoding.UTF8.GetString(buffer, 0, result.Count);
    }

    [Test]
    public async Task A_reload_keeps_the_address_until_a_restart_and_takes_a_new_max_clients_at_once()
    {
        // All 20 clients come from 127.0.0.1: the per-address limit must not be the one that stops them.
        StartBoth(maxClients: 1, moreWebSocket: "  max_connections_per_address: 30");
        int other = FreePort.Next();
        string text = File.ReadAllText(ConfigPath);
        File.WriteAllText(ConfigPath, text.Replace($"port: {_port}", $"port: {other}", StringComparison.Ordinal).Replace("max_clients: 1\n", "max_clients: 20\n", StringComparison.Ordinal));

        string said = $"websocket.port changed to {other}: takes effect at restart; keeping {_port} until then";
        Assert.That(DoctorProcess.WaitFor(() => ReadLog("websocket").Contains(said, StringComparison.Ordinal), Limit), Is.True, said);
        Assert.That(DoctorProcess.WaitFor(() => Get("/status", Secret).Body.Contains("\"max_clients\":20", StringComparison.Ordinal), Limit), Is.True);
        using (JsonDocument status = JsonDocument.Parse(Get("/status", Secret).Body))
        {
            Assert.That(status.RootElement.GetProperty("port").GetInt32(), Is.EqualTo(_port), "/status says where the relay listens");
        }

        Assert.That(ReadLog("websocket"), Does.Not.Contain("reloaded (file changed): websocket.port"));
        var clients = new List<RelayTestClient>();
        try
        {
            for (int i = 0; i < 20; i++)
            {
                clients.Add(await RelayTestClient.ConnectAsync(_port, Secret));
            }

            foreach (RelayTestClient client in clients)
            {
                Assert.That(client.Next("hello", Limit).GetProperty("role").GetString(), Is.EqualTo("relay"));
            }
        }
        finally
        {
            clients.ForEach(c => c.Dispose());
        }
    }

    [Test]
    public async Task A_new_secret_closes_sessions_opened_with_the_old_one()
    {
        StartBoth();
        string old = Secret;
        using RelayTestClient client = await RelayTestClient.ConnectAsync(_port, old);
        client.Next("snapshot", Limit);

        var (code, output) = Cli("websocket", "new-secret");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("Quick Connect: sysmedic://" + Secret + "@127.0.0.1:" + _port + "/"));
        Assert.That(Secret, Is.Not.EqualTo(old));
        Assert.That(Convert.ToString((int)File.GetUnixFileMode(ConfigPath), 8), Is.EqualTo("600"));

        DisconnectionInfo closed = await client.Closed.WaitAsync(Limit);
        Assert.That(closed.CloseStatus, Is.EqualTo(WebSocketCloseStatus.PolicyViolation), $"{closed.Type} {closed.Exception}");
        Assert.That(closed.CloseStatusDescription, Is.EqualTo("secret rotated"));
        Assert.That(Python("bearer", old, 1), Is.EqualTo(new[] { "rejected 401" }));
        Assert.That(Python("bearer", Secret, 1), Is.EqualTo(new[] { "hello role=relay subprotocol=None" }));
    }

    [Test]
    public async Task Clients_stay_connected_while_the_doctor_restarts()
    {
        StartBoth();
        using RelayTestClient client = await RelayTestClient.ConnectAsync(_port, Secret);
        client.Next("snapshot", Limit);

        Assert.That(_doctor!.Terminate(Limit), Is.True);
        JsonElement unavailable = client.Next("doctor_unavailable", Limit);
        Assert.That(unavailable.GetProperty("reason").GetString(), Is.Not.Empty);
        var (status, body, _) = Get("/health");
        Assert.That(status, Is.EqualTo(HttpStatusCode.ServiceUnavailable));
        Assert.That(body, Is.EqualTo("""{"status":"down","reason":"doctor unavailable"}"""));
        client.Send("""{"type":"alerts","id":"while-down","all":false,"limit":5}""");
        Assert.That(client.Next("error", Limit).GetProperty("code").GetString(), Is.EqualTo("unavailable"));

        _doctor.Dispose();
        string secret = Secret;
        _doctor = DoctorProcess.Start(_dir, _body + $"\n  secret: {secret}");
        Assert.That(client.Next("hello", Limit).GetProperty("role").GetString(), Is.EqualTo("relay"));
        client.Next("snapshot", Limit);
        Assert.That(client.Closed.IsCompleted, Is.False, "the client's connection was never closed");
        Assert.That(Get("/health").Status, Is.EqualTo(HttpStatusCode.OK));
    }

    [Test]
    public async Task The_relay_stops_and_starts_while_the_doctor_keeps_sampling()
    {
        StartBoth();
        string pidFile = Path.Combine(_dir, "relay", RelayHost.PidFileName);
        Assert.That(SysMedic.Agent.Daemon.PidFile.FindRunning(pidFile), Is.EqualTo(_relay!.Pid), "the relay's PID file is in relay/ beside the doctor's socket");
        using (RelayTestClient client = await RelayTestClient.ConnectAsync(_port, Secret))
        {
            client.Next("snapshot", Limit);
            Assert.That(_relay!.Terminate(Limit), Is.True);
            Assert.That(_relay.ExitCode, Is.Zero);
            DisconnectionInfo closed = await client.Closed.WaitAsync(Limit);
            Assert.That(closed.CloseStatus, Is.EqualTo(WebSocketCloseStatus.EndpointUnavailable));
        }

        Assert.That(File.Exists(pidFile), Is.False, "the relay removed its PID file");
        Assert.That(_doctor!.HasExited, Is.False);
        await using (var local = await SysMedic.Agent.Protocol.LocalSocketClient.ConnectAsync(_doctor.SocketPath, Limit))
        {
            var snapshot = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            local.SnapshotReceived += _ => snapshot.TrySetResult();
            await snapshot.Task.WaitAsync(Limit);
        }

        _relay.Dispose();
        _relay = DoctorProcess.StartRelay(_dir);
        Assert.That(DoctorProcess.WaitFor(() => Get("/health").Status == HttpStatusCode.OK, Limit), Is.True);
        using RelayTestClient again = await RelayTestClient.ConnectAsync(_port, Secret);
        again.Next("snapshot", Limit);
    }

    [Test]
    public async Task With_no_remote_console_the_doctor_samples_at_its_idle_pace_and_a_remote_console_brings_the_live_pace()
    {
        // live_interval 1 s; idle pace a sixth of check_interval: 5 s.
        _doctor = DoctorProcess.Start(_dir, $"""
            monitoring:
              live_interval: 1
              check_interval: 30
            websocket:
              bind: 127.0.0.1
              port: {_port}
              update_interval: 1
            """);
        _relay = DoctorProcess.StartRelay(_dir);
        Assert.That(DoctorProcess.WaitFor(() => Get("/health").Status == HttpStatusCode.OK, Limit), Is.True);

        // An observer on the doctor's socket that does not watch itself counts the doctor's samples.
        await using var observer = await SysMedic.Agent.Protocol.LocalSocketClient.ConnectAsync(_doctor.SocketPath, Limit);
        Assert.That(await observer.RequestAsync(id => new SysMedic.Core.Protocol.WatchRequest(id, Live: false), Limit), Is.TypeOf<SysMedic.Core.Protocol.WatchResult>());
        int samples = 0;
        observer.SnapshotReceived += _ => Interlocked.Increment(ref samples);
        int Count(TimeSpan window)
        {
            int before = Volatile.Read(ref samples);
            Thread.Sleep(window);
            return Volatile.Read(ref samples) - before;
        }

        Thread.Sleep(TimeSpan.FromSeconds(6)); // the pace chosen before the observer said it does not watch runs out
        int idle = Count(TimeSpan.FromSeconds(10));
        Assert.That(idle, Is.InRange(1, 4), "relay attached, nobody on it: about one sample in 5 s, not one a second");

        using (RelayTestClient client = await RelayTestClient.ConnectAsync(_port, Secret))
        {
            client.Next("snapshot", Limit);
            Thread.Sleep(TimeSpan.FromSeconds(2));
            int live = Count(TimeSpan.FromSeconds(6));
            Assert.That(live, Is.GreaterThanOrEqualTo(4), "a remote console: one sample a second");
        }

        Thread.Sleep(TimeSpan.FromSeconds(6));
        Assert.That(Count(TimeSpan.FromSeconds(10)), Is.InRange(1, 4), "the last remote console left: the idle pace again");
    }

    [Test]
    public async Task Without_a_doctor_health_says_down_and_clients_are_told()
    {
        File.WriteAllText(ConfigPath, $"data_path: {_dir}/data\nlog_path: {_dir}/log\nwebsocket:\n  bind: 127.0.0.1\n  port: {_port}\n");
        _relay = DoctorProcess.StartRelay(_dir);
        Assert.That(DoctorProcess.WaitFor(() => Get("/health").Status == HttpStatusCode.ServiceUnavailable, Limit), Is.True);
        Assert.That(Secret, Has.Length.EqualTo(43), "the first start made a 32-byte base64url secret");
        Assert.That(Convert.ToString((int)File.GetUnixFileMode(ConfigPath), 8), Is.EqualTo("600"));
        using RelayTestClient client = await RelayTestClient.ConnectAsync(_port, Secret);
        Assert.That(client.Next("doctor_unavailable", Limit).GetProperty("reason").GetString(), Does.Contain("doctor"));
    }

    [Test]
    public void Metrics_pass_promtool_and_carry_the_hosts_figures()
    {
        StartBoth();
        Assert.That(DoctorProcess.WaitFor(() => Get("/metrics", Secret).Body.Contains("sysmedic_cpu_usage_ratio", StringComparison.Ordinal), Limit), Is.True);
        var (status, body, response) = Get("/metrics", Secret);
        Assert.That(status, Is.EqualTo(HttpStatusCode.OK));
        Assert.That(response.Content.Headers.ContentType?.ToString(), Does.StartWith("text/plain; version=0.0.4"));
        Assert.That(body, Does.Contain($"sysmedic_cpus {Environment.ProcessorCount}\n"));
        Assert.That(body, Does.Contain("sysmedic_doctor_up 1\n").And.Contain("sysmedic_user_cpu_usage_ratio{user=\""));
        Assert.That(body, Does.Contain("sysmedic_alerts_unresolved{severity=\"critical\"}"));
        Assert.That(body, Does.Contain("# TYPE sysmedic_user_cpu_seconds_total counter\nsysmedic_user_cpu_seconds_total{user=\""));
        long total = long.Parse(System.Text.RegularExpressions.Regex.Match(body, @"sysmedic_memory_total_bytes (\d+)").Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        string memTotal = File.ReadLines("/proc/meminfo").First(l => l.StartsWith("MemTotal:", StringComparison.Ordinal));
        Assert.That(total, Is.EqualTo(long.Parse(memTotal.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1], System.Globalization.CultureInfo.InvariantCulture) * 1024));

        // Asked for gzip (as Prometheus asks), the same text comes compressed.
        using (var http = new HttpClient(new SocketsHttpHandler { AutomaticDecompression = DecompressionMethods.None }))
        using (var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{_port}/metrics"))
        {
            request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", Secret);
            request.Headers.AcceptEncoding.ParseAdd("gzip");
            using HttpResponseMessage zipped = http.Send(request);
            Assert.That(zipped.Content.Headers.ContentEncoding, Is.EqualTo(new[] { "gzip" }));
            byte[] wire = zipped.Content.ReadAsByteArrayAsync().GetAwaiter().GetResult();
            using var unzip = new System.IO.Compression.GZipStream(new MemoryStream(wire), System.IO.Compression.CompressionMode.Decompress);
            string text = new StreamReader(unzip).ReadToEnd();
            Assert.That(text, Does.StartWith("# HELP ").And.Contain($"sysmedic_cpus {Environment.ProcessorCount}\n"));
            Assert.That(wire, Has.Length.LessThan(text.Length / 2), "compressed");
        }

        var psi = new ProcessStartInfo(Prometheus.PromTool.Require(), ["check", "metrics"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        using Process promtool = Process.Start(psi)!;
        promtool.StandardInput.Write(body);
        promtool.StandardInput.Close();
        string said = promtool.StandardOutput.ReadToEnd() + promtool.StandardError.ReadToEnd();
        promtool.WaitForExit();
        Assert.That(said, Is.Empty);
        Assert.That(promtool.ExitCode, Is.Zero);
    }

    [Test]
    public void A_real_prometheus_server_scrapes_the_relay()
    {
        string server = Prometheus.PromTool.RequireServer();
        StartBoth();
        int webPort = FreePort.Next();
        string storage = Path.Combine(_dir, "tsdb");
        string tokenFile = Path.Combine(_dir, "relay.token");
        File.WriteAllText(tokenFile, Secret);
        string config = Path.Combine(_dir, "prometheus.yml");
        File.WriteAllText(config, $"""
            global:
              scrape_interval: 1s
            scrape_configs:
              - job_name: sysmedic
                authorization:
                  credentials_file: {tokenFile}
                static_configs:
                  - targets: ["127.0.0.1:{_port}"]
            """);
        var psi = new ProcessStartInfo(server, [$"--config.file={config}", $"--storage.tsdb.path={storage}", $"--web.listen-address=127.0.0.1:{webPort}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process prometheus = Process.Start(psi)!;
        prometheus.OutputDataReceived += (_, _) => { };
        prometheus.ErrorDataReceived += (_, _) => { };
        prometheus.BeginOutputReadLine();
        prometheus.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
            string answer = "";
            bool read = DoctorProcess.WaitFor(() =>
            {
                try
                {
                    answer = http.GetStringAsync($"http://127.0.0.1:{webPort}/api/v1/query?query=sysmedic_cpus").GetAwaiter().GetResult();
                    return answer.Contains("\"result\":[{", StringComparison.Ordinal);
                }
                catch (HttpRequestException)
                {
                    return false;
                }
            }, TimeSpan.FromSeconds(60));
            Assert.That(read, Is.True, answer);
            using JsonDocument doc = JsonDocument.Parse(answer);
            JsonElement sample = doc.RootElement.GetProperty("data").GetProperty("result")[0];
            Assert.That(sample.GetProperty("metric").GetProperty("job").GetString(), Is.EqualTo("sysmedic"));
            Assert.That(sample.GetProperty("value")[1].GetString(), Is.EqualTo(Environment.ProcessorCount.ToString(System.Globalization.CultureInfo.InvariantCulture)));
            string up = http.GetStringAsync($"http://127.0.0.1:{webPort}/api/v1/query?query=up").GetAwaiter().GetResult();
            Assert.That(up, Does.Contain("\"value\":[").And.Contain(",\"1\"]"), "the scrape succeeded (up = 1)");
        }
        finally
        {
            prometheus.Kill();
            prometheus.WaitForExit(10_000);
        }
    }

    [Test]
    public void Websocket_start_status_and_stop_from_the_command_line()
    {
        File.WriteAllText(ConfigPath, $"# relay test\ndata_path: {_dir}/data\nlog_path: {_dir}/log\nwebsocket:\n  bind: 127.0.0.1\n");
        try
        {
            var (code, output) = Cli("websocket", "start", _port.ToString(System.Globalization.CultureInfo.InvariantCulture));
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain($"websocket.port: 8060 -> {_port}").And.Contain("SysMedic WebSocket relay: started (PID: "));
            Assert.That(output, Does.Contain($"Quick Connect: sysmedic://{Secret}@127.0.0.1:{_port}/"));
            Assert.That(File.ReadAllText(ConfigPath), Does.StartWith("# relay test\n"), "the file keeps what the operator wrote");

            (code, output) = Cli("websocket", "status");
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("running (PID: ").And.Contain($"listening on ws://127.0.0.1:{_port}/ws"));
            Assert.That(output, Does.Contain("clients: 0 of 100").And.Contain("doctor: unavailable"));

            (code, output) = Cli("websocket", "start");
            Assert.That(output, Does.Contain("already running"));

            (code, output) = Cli("websocket", "stop");
            Assert.That(code, Is.Zero, output);
            Assert.That(output, Does.Contain("SysMedic WebSocket relay: stopped (PID: "));
            (code, output) = Cli("websocket", "status");
            Assert.That((code, output.Trim()), Is.EqualTo((1, "SysMedic WebSocket relay: not running")));
        }
        finally
        {
            if (SysMedic.Agent.Daemon.PidFile.FindRunning(Path.Combine(_dir, "relay", RelayHost.PidFileName)) is { } left)
            {
                Process.GetProcessById(left).Kill();
            }
        }
    }

    [Test]
    public void Websocket_start_on_a_port_someone_else_listens_on_fails_with_the_relays_own_error()
    {
        File.WriteAllText(ConfigPath, $"data_path: {_dir}/data\nlog_path: {_dir}/log\nwebsocket:\n  bind: 127.0.0.1\n");
        // Another program answers on the port, so a TCP connect alone would look like a ready relay.
        using var squatter = new System.Net.Sockets.TcpListener(System.Net.IPAddress.Loopback, _port);
        squatter.Start();
        try
        {
            var clock = Stopwatch.StartNew();
            var (code, output) = Cli("websocket", "start", _port.ToString(System.Globalization.CultureInfo.InvariantCulture));

            Assert.That(code, Is.EqualTo(1), output);
            Assert.That(output, Does.Not.Contain("started").And.Not.Contain("Quick Connect"));
            Assert.That(output, Does.Contain("address already in use").IgnoreCase, "the relay's own words");
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(12)), "it says so when the relay exits, not after the whole wait");
        }
        finally
        {
            if (SysMedic.Agent.Daemon.PidFile.FindRunning(Path.Combine(_dir, "relay", RelayHost.PidFileName)) is { } left)
            {
                Process.GetProcessById(left).Kill();
            }
        }
    }

    private List<string> Python(string mode, string secret, int count)
    {
        string script = Path.Combine(TestContext.CurrentContext.TestDirectory, "Relay", "relay_client.py");
        var psi = new ProcessStartInfo("/usr/bin/python3", [script, $"ws://127.0.0.1:{_port}/ws", secret, mode, count.ToString(System.Globalization.CultureInfo.InvariantCulture)])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        using Process p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        var lines = p.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        p.WaitForExit();
        Assert.That(p.ExitCode, Is.Zero, err.Result);
        return lines;
    }

    private (int Code, string Output) Cli(params string[] args)
    {
        var psi = new ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true, RedirectStandardError = true };
        psi.ArgumentList.Add(Path.Combine(TestContext.CurrentContext.TestDirectory, "sysmedic.dll"));
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        psi.ArgumentList.Add("--config");
        psi.ArgumentList.Add(ConfigPath);
        psi.Environment["SYSMEDIC_SOCKET"] = Path.Combine(_dir, "doctor.sock");
        using Process p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.Result);
    }

    private string ReadLog(string prefix)
    {
        string logs = Path.Combine(_dir, "log");
        return string.Concat(Directory.GetFiles(logs, prefix + "*.log").Select(f =>
        {
            using var s = new FileStream(f, FileMode.Open, FileAccess.Read, FileShare.ReadWrite);
            using var r = new StreamReader(s);
            return r.ReadToEnd();
        }));
    }

    private static async Task<WebSocketCloseStatus?> DrainUntilClosed(ClientWebSocket socket)
    {
        var buffer = new byte[64 * 1024];
        using var limit = new CancellationTokenSource(Limit);
        while (true)
        {
            WebSocketReceiveResult result = await socket.ReceiveAsync(buffer, limit.Token);
            if (result.MessageType == WebSocketMessageType.Close)
            {
                return result.CloseStatus;
            }
        }
    }
}

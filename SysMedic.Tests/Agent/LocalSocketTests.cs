using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging.Abstractions;
using SysMedic.Agent.Protocol;
using SysMedic.Core.Protocol;
using SysMedic.Tests.Protocol;

namespace SysMedic.Tests.Agent;

[CancelAfter(30_000)]
public class LocalSocketTests
{
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private string _dir = "";
    private string _path = "";
    private LocalSocketServer _server = null!;
    private EchoHandler _handler = null!;

    /// <summary>Answers config requests and refuses the rest, as a doctor without storage would.</summary>
    private sealed class EchoHandler : IProtocolHandler
    {
        public PeerCredentials LastPeer { get; private set; }

        public HelloMessage Hello() => (HelloMessage)ProtocolSamples.All["hello"];

        public string? LatestSnapshotJson() => null;

        public ValueTask<ProtocolMessage> HandleAsync(RequestMessage request, PeerCredentials peer, CancellationToken cancel)
        {
            LastPeer = peer;
            return ValueTask.FromResult<ProtocolMessage>(request switch
            {
                ConfigRequest c => new ConfigResult(c.Id, new Dictionary<string, string> { ["monitoring.cpu_threshold"] = "80" }),
                AlertsRequest => throw new InvalidOperationException("database is locked"),
                _ => new ErrorMessage(request.Id, ErrorMessage.NotFound, "not here"),
            });
        }
    }

    [SetUp]
    public void Start()
    {
        _dir = Directory.CreateTempSubdirectory("sysmedic-sock-").FullName;
        _path = Path.Combine(_dir, "doctor.sock");
        _handler = new EchoHandler();
        _server = new LocalSocketServer(_path, _handler, NullLogger.Instance);
        _server.Start();
    }

    [TearDown]
    public async Task Stop()
    {
        await _server.DisposeAsync();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task A_client_gets_hello_then_answers_by_id_with_its_credentials_known()
    {
        await using LocalSocketClient client = await LocalSocketClient.ConnectAsync(_path, Wait);
        Assert.That((await client.Hello).Host, Is.EqualTo("web01"));
        ProtocolMessage reply = await client.RequestAsync(id => new ConfigRequest(id), Wait);
        Assert.That(reply, Is.TypeOf<ConfigResult>());
        Assert.That(((ConfigResult)reply).Values["monitoring.cpu_threshold"], Is.EqualTo("80"));
        Assert.That(_handler.LastPeer.Pid, Is.EqualTo(Environment.ProcessId));
    }

    [Test]
    public async Task The_socket_is_mode_0660()
    {
        await using LocalSocketClient client = await LocalSocketClient.ConnectAsync(_path, Wait);
        Assert.That(File.GetUnixFileMode(_path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.GroupWrite));
    }

    [Test]
    public async Task A_failing_request_gets_an_error_and_the_server_lives_on()
    {
        await using LocalSocketClient client = await LocalSocketClient.ConnectAsync(_path, Wait);
        var error = (ErrorMessage)await client.RequestAsync(id => new AlertsRequest(id, false, 10), Wait);
        Assert.That(error.Code, Is.EqualTo(ErrorMessage.Internal));
        Assert.That(error.Message, Does.Contain("database is locked"));
        Assert.That(await client.RequestAsync(id => new ConfigRequest(id), Wait), Is.TypeOf<ConfigResult>());
    }

    [Test]
    public async Task Malformed_and_unknown_lines_get_errors_on_a_raw_socket()
    {
        using var raw = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await raw.ConnectAsync(new UnixDomainSocketEndPoint(_path));
        await using var stream = new NetworkStream(raw);
        using var reader = new StreamReader(stream, Encoding.UTF8);
        Assert.That(await reader.ReadLineAsync(), Does.Contain("\"type\":\"hello\""));
        await stream.WriteAsync(Encoding.UTF8.GetBytes("{oops\n{\"type\":\"fly\",\"id\":\"5\"}\n{\"type\":\"hello\"}\n"));
        Assert.That(await reader.ReadLineAsync(), Does.Contain("\"code\":\"bad_json\""));
        Assert.That(await reader.ReadLineAsync(), Does.Contain("\"code\":\"unknown_type\"").And.Contain("\"id\":\"5\""));
        Assert.That(await reader.ReadLineAsync(), Does.Contain("\"code\":\"bad_request\""));
    }

    [Test]
    public async Task A_line_over_the_limit_closes_that_client_only()
    {
        await using LocalSocketClient good = await LocalSocketClient.ConnectAsync(_path, Wait);
        using var raw = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        await raw.ConnectAsync(new UnixDomainSocketEndPoint(_path));
        byte[] junk = Encoding.ASCII.GetBytes(new string('x', LocalSocketServer.MaxRequestLine + 10));
        try
        {
            await raw.SendAsync(junk);
        }
        catch (SocketException)
        {
            // The server may close before everything is written.
        }

        // The server ends the connection: an orderly end of stream, or a reset since it left data unread.
        var buffer = new byte[64 * 1024];
        bool ended = false;
        try
        {
            while (await raw.ReceiveAsync(buffer) > 0)
            {
            }

            ended = true;
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionReset)
        {
            ended = true;
        }

        Assert.That(ended, Is.True);
        Assert.That(await good.RequestAsync(id => new ConfigRequest(id), Wait), Is.TypeOf<ConfigResult>());
    }

    [Test]
    public async Task Broadcasts_reach_every_client_and_alerts_are_not_dropped()
    {
        await using LocalSocketClient a = await LocalSocketClient.ConnectAsync(_path, Wait);
        await using LocalSocketClient b = await LocalSocketClient.ConnectAsync(_path, Wait);
        var gotA = new TaskCompletionSource<SnapshotMessage>();
        var gotB = new TaskCompletionSource<AlertMessage>();
        a.SnapshotReceived += s => gotA.TrySetResult(s);
        b.AlertReceived += m => gotB.TrySetResult(m);
        await WaitForClients(2);
        _server.BroadcastSnapshot((SnapshotMessage)ProtocolSamples.All["snapshot"]);
        _server.BroadcastEvent(ProtocolSamples.All["alert"]);
        Assert.That((await gotA.Task.WaitAsync(Wait)).UnresolvedAlerts, Is.EqualTo(3));
        Assert.That((await gotB.Task.WaitAsync(Wait)).Alert.Id, Is.EqualTo(42));
    }

    [Test]
    public async Task A_client_that_does_not_watch_still_gets_snapshots_but_is_not_counted_as_watching()
    {
        await using LocalSocketClient console = await LocalSocketClient.ConnectAsync(_path, Wait);
        await using LocalSocketClient relay = await LocalSocketClient.ConnectAsync(_path, Wait);
        await WaitForClients(2);
        Assert.That(_server.WatchingCount, Is.EqualTo(2), "every client watches when it connects");

        ProtocolMessage answer = await relay.RequestAsync(id => new WatchRequest(id, Live: false), Wait);
        Assert.That(answer, Is.TypeOf<WatchResult>().And.Property(nameof(WatchResult.Live)).False);
        Assert.That(_server.WatchingCount, Is.EqualTo(1));
        Assert.That(_server.ClientCount, Is.EqualTo(2));

        var got = new TaskCompletionSource<SnapshotMessage>();
        relay.SnapshotReceived += s => got.TrySetResult(s);
        _server.BroadcastSnapshot((SnapshotMessage)ProtocolSamples.All["snapshot"]);
        Assert.That(await got.Task.WaitAsync(Wait), Is.Not.Null, "snapshots still reach it (for /metrics)");

        _ = await relay.RequestAsync(id => new WatchRequest(id, Live: true), Wait);
        Assert.That(_server.WatchingCount, Is.EqualTo(2));
        _ = await relay.RequestAsync(id => new WatchRequest(id, Live: false), Wait);
        await console.DisposeAsync();
        Assert.That(DoctorProcess.WaitFor(() => _server.ClientCount == 1, Wait), Is.True);
        Assert.That(_server.WatchingCount, Is.Zero, "nobody watches: the doctor may sample at its idle pace");
    }

    [Test]
    public async Task A_stale_socket_file_from_a_crash_is_replaced()
    {
        await _server.DisposeAsync();
        File.WriteAllText(_path, "");
        _server = new LocalSocketServer(_path, _handler, NullLogger.Instance);
        _server.Start();
        await using LocalSocketClient client = await LocalSocketClient.ConnectAsync(_path, Wait);
        Assert.That((await client.Hello).Role, Is.EqualTo("doctor"));
    }

    [Test]
    public async Task A_second_server_on_a_served_path_refuses_to_start_and_its_stop_leaves_the_first_ones_socket()
    {
        var second = new LocalSocketServer(_path, _handler, NullLogger.Instance);
        Assert.That(second.Start, Throws.InstanceOf<IOException>().With.Message.Contains("another process is serving"));
        await second.DisposeAsync();

        Assert.That(File.Exists(_path), Is.True, "the first server's socket is still there");
        await using LocalSocketClient client = await LocalSocketClient.ConnectAsync(_path, Wait);
        Assert.That((await client.Hello).Role, Is.EqualTo("doctor"));
    }

    [Test]
    public async Task A_server_whose_socket_was_replaced_leaves_the_new_one_when_it_stops()
    {
        File.Delete(_path);
        var newer = new LocalSocketServer(_path, _handler, NullLogger.Instance);
        newer.Start();
        try
        {
            await _server.DisposeAsync();

            Assert.That(File.Exists(_path), Is.True, "the socket now belongs to the newer server");
            await using LocalSocketClient client = await LocalSocketClient.ConnectAsync(_path, Wait);
            Assert.That((await client.Hello).Role, Is.EqualTo("doctor"));
        }
        finally
        {
            _server = newer;
        }
    }

    [Test]
    public async Task A_stopped_server_removes_its_own_socket()
    {
        await _server.DisposeAsync();
        Assert.That(File.Exists(_path), Is.False);
    }

    [Test]
    public async Task A_slow_client_keeps_only_the_newest_snapshot()
    {
        var pending = new PendingPushes();
        pending.OfferSnapshot("1"u8.ToArray());
        pending.OfferSnapshot("2"u8.ToArray());
        pending.OfferEvent("alert"u8.ToArray());
        pending.OfferSnapshot("3"u8.ToArray());
        var batch = await pending.TakeAsync(CancellationToken.None);
        Assert.That(batch.Select(b => System.Text.Encoding.UTF8.GetString(b)), Is.EqualTo(new[] { "alert", "3" }));
        Assert.That(pending.DroppedSnapshots, Is.EqualTo(2));
    }

    private async Task WaitForClients(int count)
    {
        while (_server.ClientCount < count)
        {
            await Task.Delay(10);
        }
    }
}

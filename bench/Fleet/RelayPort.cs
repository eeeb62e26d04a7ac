using System.Net;
using System.Net.Sockets;
using System.Net.WebSockets;
using SysMedic.Core.Protocol;

namespace SysMedic.Bench.Fleet;

/// <summary>
/// The simulated relay of one host on 127.0.0.1:PORT: accepts <c>/ws</c> clients, greets each with the host's hello
/// and its newest feed message, pushes the feed every interval, answers requests, and can stop listening and reset
/// every connection (a network cut) and listen again.
/// </summary>
public sealed class RelayPort(SimulatedHost host, int port, FleetOptions options, IFleetEvents events)
{
    private readonly Lock _lock = new();
    private readonly List<ClientSession> _sessions = [];
    private TcpListener? _listener;

    /// <summary>The host it serves.</summary>
    public SimulatedHost Host => host;

    /// <summary>Its port on 127.0.0.1.</summary>
    public int Port => port;

    /// <summary>Clients connected now.</summary>
    public int Clients
    {
        get
        {
            lock (_lock)
            {
                return _sessions.Count;
            }
        }
    }

    /// <summary>Whether new connections are refused (a cut is on).</summary>
    public bool Cut { get; private set; }

    /// <summary>Starts listening (again); the accept loop runs until <see cref="StopListening"/>.</summary>
    public void Listen(CancellationToken stopping)
    {
        var listener = new TcpListener(IPAddress.Loopback, port);
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(512);
        lock (_lock)
        {
            _listener = listener;
            Cut = false;
        }

        _ = AcceptLoopAsync(listener, stopping);
    }

    /// <summary>Stops listening, so a connect is refused, and resets every connection.</summary>
    public void CutOff()
    {
        List<ClientSession> sessions;
        lock (_lock)
        {
            Cut = true;
            _listener?.Stop();
            _listener = null;
            sessions = [.. _sessions];
        }

        sessions.ForEach(s => s.Reset());
    }

    /// <summary>One interval: the host steps, and every client is pushed its feed (each feed serialized once).</summary>
    public void Tick(DateTimeOffset now)
    {
        host.Step(options.IntervalSeconds);
        ClientSession[] sessions;
        lock (_lock)
        {
            sessions = [.. _sessions];
        }

        byte[]? snapshot = null;
        byte[]? summary = null;
        foreach (ClientSession session in sessions)
        {
            session.Push(session.Feed == SubscribeRequest.Summaries
                ? summary ??= ProtocolCodec.SerializeToUtf8(host.Summary(now, options.IntervalSeconds))
                : snapshot ??= ProtocolCodec.SerializeToUtf8(host.Snapshot(now, options.IntervalSeconds, withProcesses: true)));
        }
    }

    /// <summary>The newest message of <paramref name="feed"/>, serialized.</summary>
    public byte[] Latest(string feed, DateTimeOffset now) =>
        feed == SubscribeRequest.Summaries
            ? ProtocolCodec.SerializeToUtf8(host.Summary(now, options.IntervalSeconds))
            : ProtocolCodec.SerializeToUtf8(host.Snapshot(now, options.IntervalSeconds, withProcesses: true));

    private async Task AcceptLoopAsync(TcpListener listener, CancellationToken stopping)
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping);
            }
            catch (Exception ex) when (ex is SocketException or ObjectDisposedException or OperationCanceledException or InvalidOperationException)
            {
                return;
            }

            _ = ServeAsync(socket, stopping);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken stopping)
    {
        socket.NoDelay = true;
        var stream = new NetworkStream(socket, ownsSocket: false);
        string? feed;
        try
        {
            using var handshake = CancellationTokenSource.CreateLinkedTokenSource(stopping);
            handshake.CancelAfter(TimeSpan.FromSeconds(10));
            feed = await WebSocketHandshake.AcceptAsync(stream, options.Secret, handshake.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or OperationCanceledException or ObjectDisposedException)
        {
            feed = null;
        }

        if (feed is null)
        {
            socket.Dispose();
            return;
        }

        var webSocket = WebSocket.CreateFromStream(stream, new WebSocketCreationOptions { IsServer = true, KeepAliveInterval = TimeSpan.FromSeconds(15) });
        using var session = new ClientSession(socket, webSocket, feed);
        lock (_lock)
        {
            if (Cut)
            {
                // Accepted just as the cut began: it goes with the others.
                session.Reset();
                return;
            }

            _sessions.Add(session);
        }

        events.Connected(this, feed);
        try
        {
            DateTimeOffset now = DateTimeOffset.UtcNow;
            await session.SendAsync(ProtocolCodec.SerializeToUtf8(host.Hello(options.IntervalSeconds)));
            await session.SendAsync(Latest(feed, now));
            await foreach (string text in session.ReceiveAsync(stopping))
            {
                await AnswerAsync(session, text);
            }
        }
        finally
        {
            lock (_lock)
            {
                _sessions.Remove(session);
            }

            events.Disconnected(this);
        }
    }

    private async Task AnswerAsync(ClientSession session, string text)
    {
        DateTimeOffset now = DateTimeOffset.UtcNow;
        if (!ProtocolCodec.TryParse(text, out ProtocolMessage? message, out ErrorMessage? error))
        {
            await session.SendAsync(ProtocolCodec.SerializeToUtf8(error!));
            return;
        }

        ProtocolMessage answer;
        switch (message)
        {
            case SubscribeRequest subscribe when SubscribeRequest.IsFeed(subscribe.Feed):
                session.Feed = subscribe.Feed;
                await session.SendAsync(ProtocolCodec.SerializeToUtf8(new SubscribeResult(subscribe.Id, subscribe.Feed)));
                await session.SendAsync(Latest(subscribe.Feed, now));
                events.Subscribed(this, subscribe.Feed);
                return;
            case SubscribeRequest subscribe:
                answer = new ErrorMessage(subscribe.Id, ErrorMessage.BadRequest, $"feed must be {SubscribeRequest.Snapshots} or {SubscribeRequest.Summaries}");
                break;
            case AlertsRequest alerts:
                answer = new AlertsResult(alerts.Id, host.Alerts.List(alerts.All, alerts.Limit));
                break;
            case ResolveAlertRequest resolve:
                if (host.Alerts.Resolve(resolve.Id, resolve.AlertId, resolve.Note, $"{resolve.By} (remote 127.0.0.1)", now, out ErrorMessage? refused) is { } resolved)
                {
                    await session.SendAsync(ProtocolCodec.SerializeToUtf8(new ResolveAlertResult(resolve.Id, resolved)));
                    Broadcast(ProtocolCodec.SerializeToUtf8(new AlertMessage(AlertMessage.Resolved, resolved)));
                    return;
                }

                answer = refused!;
                break;
            case HistoryRequest history:
                answer = host.History(history, now);
                break;
            case RequestMessage request:
                answer = new ErrorMessage(request.Id, ErrorMessage.Unavailable, $"the fleet simulator does not answer {request.GetType().Name}");
                break;
            default:
                answer = new ErrorMessage(null, ErrorMessage.BadRequest, $"a client may not send {message!.GetType().Name}");
                break;
        }

        await session.SendAsync(ProtocolCodec.SerializeToUtf8(answer));
    }

    private void Broadcast(byte[] bytes)
    {
        ClientSession[] sessions;
        lock (_lock)
        {
            sessions = [.. _sessions];
        }

        foreach (ClientSession s in sessions)
        {
            _ = s.SendAsync(bytes);
        }
    }
}

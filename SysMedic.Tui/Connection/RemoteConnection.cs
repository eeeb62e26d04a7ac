using System.Net.WebSockets;
using System.Reactive.Linq;
using SysMedic.Core.Protocol;
using Websocket.Client;

namespace SysMedic.Tui.Connection;

/// <summary>
/// An agent on another host through its WebSocket relay (<c>ws://HOST:PORT/ws</c>, or wss): one protocol message per
/// text frame, the relay's secret in an <c>Authorization: Bearer</c> header. It reconnects by itself; a refused
/// secret ends it (lost), since trying again cannot help.
/// </summary>
public sealed class RemoteConnection : ProtocolConnection
{
    private readonly List<IDisposable> _subscriptions = [];
    private WebsocketClient? _client;

    /// <summary>A connection to the relay <paramref name="url"/> names; nothing happens until <see cref="Start"/>.</summary>
    public RemoteConnection(QuickConnectUrl url, TimeProvider? time = null, TimeSpan? retryInterval = null, string feed = SubscribeRequest.Snapshots)
        : base(time)
    {
        ArgumentNullException.ThrowIfNull(url);
        Url = url;
        Feed = feed;
        RetryInterval = retryInterval ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>Where the relay is, with its secret.</summary>
    public QuickConnectUrl Url { get; }

    /// <summary>What the relay pushes every interval: whole snapshots (a console) or summaries (a fleet row).</summary>
    public string Feed { get; }

    /// <summary>Time between attempts while the relay does not answer.</summary>
    public TimeSpan RetryInterval { get; }

    public override ConnectionKind Kind => ConnectionKind.Remote;

    public override string Label => $"remote {(Url.Host.Contains(':', StringComparison.Ordinal) ? $"[{Url.Host}]" : Url.Host)}:{Url.Port}{(Url.Tls ? " TLS" : "")}";

    public override void Start()
    {
        if (_client is not null)
        {
            return;
        }

        string bearer = "Bearer " + Url.Secret;
        // The feed is asked for in the URL so that a fleet row never costs a whole snapshot, not even the first. A relay
        // older than the summary feed ignores it and sends snapshots, which the base class summarises.
        Uri uri = Feed == SubscribeRequest.Snapshots ? Url.WebSocketUri : new Uri(Url.WebSocketUri + "?feed=" + Feed);
        var client = new WebsocketClient(uri, () =>
        {
            var socket = new ClientWebSocket();
            socket.Options.KeepAliveInterval = TimeSpan.FromSeconds(15);

            // A ping unanswered for 15 s ends the link: a relay gone silent is noticed without a timer of our own.
            socket.Options.KeepAliveTimeout = TimeSpan.FromSeconds(15);
            socket.Options.SetRequestHeader("Authorization", bearer);
            return socket;
        })
        {
            Name = "sysmedic-console",
            IsReconnectionEnabled = true,

            // The relay pushes every update interval, so a long silence means a dead link; but the client checks that
            // with a timer of its own every second, which a fleet of a hundred links pays a hundred times a second. The
            // socket's ping timeout above notices a dead link as well, so only a console's one link keeps the check.
            ReconnectTimeout = Feed == SubscribeRequest.Snapshots ? TimeSpan.FromSeconds(30) : null,
            ErrorReconnectTimeout = RetryInterval,
            LostReconnectTimeout = TimeSpan.FromSeconds(1),
        };
        _subscriptions.Add(client.MessageReceived.Where(m => m.MessageType == WebSocketMessageType.Text && m.Text is not null).Subscribe(OnText));
        _subscriptions.Add(client.DisconnectionHappened.Subscribe(OnDisconnection));

        // No state change on ReconnectionHappened: it may come after the relay's hello, which already says connected.
        _client = client;

        // Start() keeps trying in the background when the relay is not up yet; the header shows it.
        _ = client.Start();
    }

    protected override ValueTask SendAsync(ProtocolMessage message, CancellationToken cancellationToken)
    {
        if (_client is not { IsRunning: true } client)
        {
            return ValueTask.FromException(new IOException("not connected to the relay"));
        }

        client.Send(ProtocolCodec.Serialize(message));
        return ValueTask.CompletedTask;
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _subscriptions.ForEach(s => s.Dispose());
            _subscriptions.Clear();
            if (_client is { } client)
            {
                client.IsReconnectionEnabled = false;
                // On a pool thread, as File > Connect and Disconnect dispose it on the UI thread.
                _ = Task.Run(() => client.Stop(WebSocketCloseStatus.NormalClosure, "console closed")).Wait(TimeSpan.FromSeconds(3));
                client.Dispose();
                _client = null;
            }
        }

        base.Dispose(disposing);
    }

    private void OnText(ResponseMessage message)
    {
        if (ProtocolCodec.TryParse(message.Text!, out ProtocolMessage? parsed, out _) && parsed is not null)
        {
            Receive(parsed);
        }
    }

    private void OnDisconnection(DisconnectionInfo info)
    {
        if (info.Type == DisconnectionType.Exit || info.Type == DisconnectionType.ByUser)
        {
            return;
        }

        string reason = info.Exception?.Message ?? info.CloseStatusDescription ?? info.Type.ToString();
        if (IsRefused(info.Exception))
        {
            // A wrong secret stays wrong: stop instead of knocking every few seconds.
            info.CancelReconnection = true;
            OnLinkDown(ConnectionState.Lost, "the relay refused the secret");
            return;
        }

        OnLinkDown(ConnectionState.Reconnecting, FirstLine(reason));
    }

    private static bool IsRefused(Exception? ex)
    {
        for (Exception? e = ex; e is not null; e = e.InnerException)
        {
            if (e is WebSocketException && (e.Message.Contains("'401'", StringComparison.Ordinal) || e.Message.Contains("'403'", StringComparison.Ordinal)))
            {
                return true;
            }
        }

        return false;
    }

    private static string FirstLine(string s)
    {
        int nl = s.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? s : s[..nl];
    }
}

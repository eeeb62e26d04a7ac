using System.Net;
using System.Net.WebSockets;
using System.Text;
using Microsoft.Extensions.Logging;
using SysMedic.Agent.Protocol;
using SysMedic.Core.Protocol;

namespace SysMedic.Agent.Relay;

/// <summary>
/// One remote client of the relay: reads its requests (one message per text frame, at most 64 KiB), forwards them
/// to the doctor, and pushes hello, snapshots, alerts and answers through a bounded queue in which only the newest
/// snapshot waits, so a slow client misses snapshots and never holds up the others.
/// </summary>
public sealed class RelaySession : IDisposable
{
    /// <summary>Requests of one client waiting for the doctor at once; more are refused.</summary>
    public const int MaxRequestsInFlight = 8;

    private static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan CloseGrace = TimeSpan.FromSeconds(2);
    private readonly WebSocket _socket;
    private readonly DoctorLink _doctor;
    private readonly ILogger _logger;
    private readonly CancellationTokenSource _closing = new();
    private readonly Func<bool> _allowActions;
    private readonly Action<RelaySession> _feedChanged;
    private volatile string _feed;
    private int _inFlight;
    private WebSocketCloseStatus _closeStatus = WebSocketCloseStatus.NormalClosure;
    private string _closeReason = "closing";

    internal RelaySession(long id, WebSocket socket, IPAddress remote, string secret, DoctorLink doctor, ILogger logger, Func<bool>? allowActions = null, string feed = SubscribeRequest.Snapshots, Action<RelaySession>? feedChanged = null)
    {
        _feed = feed;
        _feedChanged = feedChanged ?? (_ => { });
        _allowActions = allowActions ?? (() => false);
        Id = id;
        _socket = socket;
        Remote = remote;
        Secret = secret;
        _doctor = doctor;
        _logger = logger;
    }

    /// <summary>A number for the logs.</summary>
    public long Id { get; }

    /// <summary>The client's address.</summary>
    public IPAddress Remote { get; }

    /// <summary>The secret this client presented; when the relay's secret changes, sessions with the old one are closed.</summary>
    public string Secret { get; }

    /// <summary>What the session is pushed every update interval: <see cref="SubscribeRequest.Snapshots"/> or <see cref="SubscribeRequest.Summaries"/>.</summary>
    public string Feed => _feed;

    /// <summary>What waits to be sent.</summary>
    public PendingPushes Pushes { get; } = new();

    /// <summary>Asks the session to close with <paramref name="status"/> and <paramref name="reason"/>; returns at once.</summary>
    public void Close(WebSocketCloseStatus status, string reason)
    {
        _closeStatus = status;
        _closeReason = reason;
        try
        {
            _closing.Cancel();
        }
        catch (ObjectDisposedException)
        {
            // Ended already.
        }
    }

    public void Dispose() => _closing.Dispose();

    /// <summary>Runs the session until the client leaves, the session is closed or <paramref name="stopping"/> fires.</summary>
    public async Task RunAsync(CancellationToken stopping)
    {
        using CancellationTokenRegistration onStop = stopping.Register(() => Close(WebSocketCloseStatus.EndpointUnavailable, "relay stopping"));
        Task sending = SendLoopAsync();
        Task receiving = ReceiveLoopAsync();
        await Task.WhenAny(sending, receiving);

        // Either side ended: the send loop sends the close frame, then the client has a moment to answer it. Socket
        // operations are never cancelled by token, since that aborts the connection without a close frame.
        Close(_closeStatus, _closeReason);
        await sending;
        if (await Task.WhenAny(receiving, Task.Delay(CloseGrace, CancellationToken.None)) != receiving)
        {
            _socket.Abort();
        }

        await receiving.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }

    private async Task SendLoopAsync()
    {
        CancellationToken closing = _closing.Token;
        try
        {
            while (true)
            {
                IReadOnlyList<byte[]> batch = await Pushes.TakeAsync(closing);
                foreach (byte[] json in batch)
                {
                    await _socket.SendAsync(json, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
                }
            }
        }
        catch (OperationCanceledException)
        {
            await CloseOutputAsync();
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            _logger.LogDebug("client {Id} ({Remote}): send failed: {Message}", Id, Remote, ex.Message);
        }
    }

    private async Task CloseOutputAsync()
    {
        if (_socket.State is WebSocketState.Open or WebSocketState.CloseReceived)
        {
            using var limit = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            try
            {
                await _socket.CloseOutputAsync(_closeStatus, _closeReason, limit.Token);
            }
            catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
            {
                // The peer is gone already.
            }
        }
    }

    private async Task ReceiveLoopAsync()
    {
        // Requests are small: start with 1 KiB and grow for a large one only, so a thousand idle clients hold little.
        const int capacity = ProtocolMessage.MaxRequestBytes + 1;
        const int initial = 1024;
        byte[] buffer = new byte[initial];
        try
        {
            while (true)
            {
                int length = 0;
                ValueWebSocketReceiveResult result;
                do
                {
                    if (length == buffer.Length && buffer.Length < capacity)
                    {
                        Array.Resize(ref buffer, Math.Min(buffer.Length * 4, capacity));
                    }

                    if (length == capacity)
                    {
                        Close(WebSocketCloseStatus.MessageTooBig, $"message over {ProtocolMessage.MaxRequestBytes} bytes");
                        _logger.LogInformation("client {Id} ({Remote}) sent a message over {Limit} bytes; closed", Id, Remote, ProtocolMessage.MaxRequestBytes);
                        return;
                    }

                    result = await _socket.ReceiveAsync(buffer.AsMemory(length), CancellationToken.None);
                    length += result.Count;
                }
                while (!result.EndOfMessage && result.MessageType != WebSocketMessageType.Close);

                switch (result.MessageType)
                {
                    case WebSocketMessageType.Close:
                        Close(WebSocketCloseStatus.NormalClosure, "bye");
                        return;
                    case WebSocketMessageType.Binary:
                        Close(WebSocketCloseStatus.InvalidMessageType, "messages are JSON text frames");
                        return;
                }

                if (length > ProtocolMessage.MaxRequestBytes)
                {
                    Close(WebSocketCloseStatus.MessageTooBig, $"message over {ProtocolMessage.MaxRequestBytes} bytes");
                    return;
                }

                string text;
                try
                {
                    text = new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(buffer, 0, length);
                }
                catch (DecoderFallbackException)
                {
                    Close(WebSocketCloseStatus.InvalidPayloadData, "text frames must be UTF-8");
                    return;
                }

                Handle(text);
                if (buffer.Length > initial)
                {
                    buffer = new byte[initial];
                }
            }
        }
        catch (OperationCanceledException)
        {
            // Closing.
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException)
        {
            _logger.LogDebug("client {Id} ({Remote}): receive ended: {Message}", Id, Remote, ex.Message);
        }
    }

    private void Handle(string text)
    {
        if (!ProtocolCodec.TryParse(text, out ProtocolMessage? message, out ErrorMessage? error))
        {
            Pushes.OfferEvent(ProtocolCodec.SerializeToUtf8(error!));
            return;
        }

        if (message is not RequestMessage request)
        {
            Pushes.OfferEvent(ProtocolCodec.SerializeToUtf8(new ErrorMessage(null, ErrorMessage.BadRequest, "a client may send requests only")));
            return;
        }

        if (request is SubscribeRequest subscribe)
        {
            if (!SubscribeRequest.IsFeed(subscribe.Feed))
            {
                Pushes.OfferEvent(ProtocolCodec.SerializeToUtf8(new ErrorMessage(request.Id, ErrorMessage.BadRequest, $"feed must be {SubscribeRequest.Snapshots} or {SubscribeRequest.Summaries}")));
                return;
            }

            // The relay answers it itself: the doctor pushes the same snapshots whatever each remote client reads.
            _feed = subscribe.Feed;
            Pushes.OfferEvent(ProtocolCodec.SerializeToUtf8(new SubscribeResult(request.Id, subscribe.Feed)));
            _feedChanged(this);
            return;
        }

        if (request is WatchRequest)
        {
            // The relay tells the doctor itself whether anyone watches; a remote console does not.
            Pushes.OfferEvent(ProtocolCodec.SerializeToUtf8(new ErrorMessage(request.Id, ErrorMessage.BadRequest, "watch is for the doctor's socket only")));
            return;
        }

        if (Interlocked.Increment(ref _inFlight) > MaxRequestsInFlight)
        {
            Interlocked.Decrement(ref _inFlight);
            Pushes.OfferEvent(ProtocolCodec.SerializeToUtf8(new ErrorMessage(request.Id, ErrorMessage.BadRequest, $"more than {MaxRequestsInFlight} requests waiting; wait for the answers")));
            return;
        }

        if (request is SignalRequest or ReniceRequest)
        {
            if (!_allowActions())
            {
                Interlocked.Decrement(ref _inFlight);
                _logger.LogWarning("client {Id} ({Remote}): {Type} refused: websocket.allow_actions is false", Id, Remote, request.GetType().Name);
                Pushes.OfferEvent(ProtocolCodec.SerializeToUtf8(new ErrorMessage(request.Id, ErrorMessage.Forbidden, "this relay does not let remote consoles act on processes (websocket.allow_actions is false)")));
                return;
            }

            // The doctor logs the action with this address, and refuses it too unless its configuration allows it.
            request = request switch
            {
                SignalRequest s => s with { Remote = Remote.ToString() },
                ReniceRequest r => r with { Remote = Remote.ToString() },
                _ => request,
            };
            _logger.LogInformation("client {Id} ({Remote}): {Request}", Id, Remote, ProtocolCodec.Serialize(request));
        }

        if (request is ResolveAlertRequest resolve)
        {
            // The doctor records who resolved an alert; say that it came through the relay, and from where.
            string by = string.IsNullOrWhiteSpace(resolve.By) ? "remote" : resolve.By.Trim();
            request = resolve with { By = $"{by} (remote {Remote})" };
        }

        _ = ForwardAsync(request);
    }

    private async Task ForwardAsync(RequestMessage request)
    {
        try
        {
            ProtocolMessage answer = await _doctor.ForwardAsync(request, RequestTimeout, _closing.Token);
            Pushes.OfferEvent(ProtocolCodec.SerializeToUtf8(answer));
        }
        catch (OperationCanceledException)
        {
            // The client left.
        }
        catch (ObjectDisposedException)
        {
            // The client left.
        }
        finally
        {
            Interlocked.Decrement(ref _inFlight);
        }
    }
}

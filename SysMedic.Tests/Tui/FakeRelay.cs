using System.Collections.Concurrent;
using System.Net;
using System.Net.WebSockets;
using System.Text;
using SysMedic.Core.Protocol;
using SysMedic.Tests.Delivery;
using SysMedic.Tests.Protocol;

namespace SysMedic.Tests.Tui;

/// <summary>
/// A WebSocket endpoint on 127.0.0.1 speaking the relay's side of the protocol from the sample messages: /ws, the
/// secret as a Bearer header, hello and a snapshot on connect, then answers to requests, one message per text frame.
/// </summary>
internal sealed class FakeRelay : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _serving;
    private readonly ConcurrentDictionary<int, (WebSocket Socket, HttpListenerContext Context)> _sockets = new();
    private int _next;

    public FakeRelay(string secret)
    {
        Secret = secret;
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public string Secret { get; }

    public int Port { get; }

    /// <summary>Authorization headers seen, refused ones included.</summary>
    public ConcurrentQueue<string> Authorizations { get; } = new();

    /// <summary>Requests received, in order.</summary>
    public ConcurrentQueue<RequestMessage> Requests { get; } = new();

    /// <summary>Connections accepted so far.</summary>
    public int Accepted => Volatile.Read(ref _next);

    public QuickConnectUrl Url(string? secret = null) => new(secret ?? Secret, "127.0.0.1", Port, false);

    /// <summary>Sends <paramref name="message"/> to every client.</summary>
    public async Task BroadcastAsync(ProtocolMessage message)
    {
        byte[] bytes = Encoding.UTF8.GetBytes(ProtocolCodec.Serialize(message));
        foreach ((WebSocket socket, _) in _sockets.Values)
        {
            await socket.SendAsync(bytes, WebSocketMessageType.Text, true, CancellationToken.None);
        }
    }

    /// <summary>Drops every client without a close handshake, as a relay that crashed.</summary>
    public void DropClients()
    {
        foreach ((int key, (WebSocket socket, HttpListenerContext context)) in _sockets)
        {
            // Aborting the WebSocket alone keeps the TCP connection; aborting the response resets it.
            socket.Abort();
            context.Response.Abort();
            _sockets.TryRemove(key, out _);
        }
    }

    public void Dispose()
    {
        _stop.Cancel();
        DropClients();
        _listener.Close();
        try
        {
            _serving.Wait(TimeSpan.FromSeconds(5));
        }
        catch (AggregateException)
        {
            // Closing the listener ends the accept loop with an exception.
        }

        _stop.Dispose();
    }

    private async Task ServeAsync()
    {
        while (!_stop.IsCancellationRequested)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            _ = Task.Run(() => HandleAsync(context));
        }
    }

    private async Task HandleAsync(HttpListenerContext context)
    {
        string auth = context.Request.Headers["Authorization"] ?? "";
        Authorizations.Enqueue(auth);
        if (context.Request.Url?.AbsolutePath != "/ws" || !context.Request.IsWebSocketRequest)
        {
            context.Response.StatusCode = 404;
            context.Response.Close();
            return;
        }

        if (auth != "Bearer " + Secret)
        {
            context.Response.StatusCode = 401;
            context.Response.Close();
            return;
        }

        WebSocket socket = (await context.AcceptWebSocketAsync(null)).WebSocket;
        int id = Interlocked.Increment(ref _next);
        _sockets[id] = (socket, context);
        try
        {
            await SendAsync(socket, ProtocolSamples.All["hello"]);
            await SendAsync(socket, ProtocolSamples.All["snapshot"]);
            var buffer = new byte[64 * 1024];
            while (socket.State == WebSocketState.Open)
            {
                WebSocketReceiveResult received = await socket.ReceiveAsync(buffer, _stop.Token);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    await socket.CloseOutputAsync(WebSocketCloseStatus.NormalClosure, "bye", CancellationToken.None);
                    return;
                }

                string text = Encoding.UTF8.GetString(buffer, 0, received.Count);
                if (ProtocolCodec.TryParse(text, out ProtocolMessage? message, out _) && message is RequestMessage request)
                {
                    Requests.Enqueue(request);
                    await SendAsync(socket, Answer(request));
                }
            }
        }
        catch (Exception ex) when (ex is WebSocketException or OperationCanceledException or ObjectDisposedException)
        {
            // The client went away or the test ended.
        }
        finally
        {
            _sockets.TryRemove(id, out _);
        }
    }

    private static ProtocolMessage Answer(RequestMessage request)
    {
        var alert = ((AlertsResult)ProtocolSamples.All["alerts_result"]).Alerts[0];
        return request switch
        {
            AlertsRequest a => new AlertsResult(a.Id, [alert]),
            ResolveAlertRequest r when r.AlertId == alert.Id => new ResolveAlertResult(r.Id, alert with { ResolvedAt = DateTimeOffset.UtcNow, ResolvedBy = r.By, ResolutionNote = r.Note }),
            ResolveAlertRequest r => new ErrorMessage(r.Id, ErrorMessage.NotFound, $"no alert {r.AlertId}"),
            HistoryRequest h => new HistoryResult(h.Id, h.Scope, h.User, ((HistoryResult)ProtocolSamples.All["history_result"]).Points),
            UserDetailRequest u => ((UserDetailResult)ProtocolSamples.All["user_detail_result"]) with { Id = u.Id },
            _ => new ErrorMessage(request.Id, ErrorMessage.UnknownType, "not here"),
        };
    }

    private static Task SendAsync(WebSocket socket, ProtocolMessage message) =>
        socket.SendAsync(Encoding.UTF8.GetBytes(ProtocolCodec.Serialize(message)), WebSocketMessageType.Text, true, CancellationToken.None);
}

using System.Net.Sockets;
using System.Net.WebSockets;
using System.Text;
using SysMedic.Core.Protocol;

namespace SysMedic.Bench.Fleet;

/// <summary>
/// One client of a simulated relay after the upgrade: its feed, pushes that drop when the previous one is still
/// being sent (a slow client misses snapshots, as at the relay), answers in order, and an abrupt end (a TCP reset)
/// for a network cut.
/// </summary>
public sealed class ClientSession(Socket socket, WebSocket webSocket, string feed) : IDisposable
{
    private const int MaxMessageBytes = ProtocolMessage.MaxRequestBytes;

    private readonly SemaphoreSlim _sending = new(1, 1);
    private volatile string _feed = feed;

    /// <summary>What this client is pushed every interval: <c>snapshot</c> or <c>summary</c>.</summary>
    public string Feed
    {
        get => _feed;
        set => _feed = value;
    }

    /// <summary>Sends <paramref name="bytes"/> unless the previous push is still on its way (then it is dropped).</summary>
    public void Push(byte[] bytes)
    {
        if (!_sending.Wait(0))
        {
            return;
        }

        _ = SendHeldAsync(bytes);
    }

    /// <summary>Sends <paramref name="bytes"/> after whatever is being sent: answers and events are never dropped.</summary>
    public async Task SendAsync(byte[] bytes)
    {
        await _sending.WaitAsync();
        await SendHeldAsync(bytes);
    }

    /// <summary>Messages from the client, one text frame each, until it closes or the connection ends.</summary>
    public async IAsyncEnumerable<string> ReceiveAsync([System.Runtime.CompilerServices.EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var buffer = new byte[MaxMessageBytes + 1];
        while (webSocket.State == WebSocketState.Open)
        {
            int length = 0;
            ValueWebSocketReceiveResult result;
            do
            {
                if (length == buffer.Length)
                {
                    await CloseAsync(WebSocketCloseStatus.MessageTooBig, "message over 64 KiB");
                    yield break;
                }

                try
                {
                    result = await webSocket.ReceiveAsync(buffer.AsMemory(length), cancellationToken);
                }
                catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException)
                {
                    yield break;
                }

                length += result.Count;
            }
            while (!result.EndOfMessage);

            if (result.MessageType == WebSocketMessageType.Close)
            {
                await CloseAsync(WebSocketCloseStatus.NormalClosure, "bye");
                yield break;
            }

            if (result.MessageType == WebSocketMessageType.Binary)
            {
                await CloseAsync(WebSocketCloseStatus.InvalidMessageType, "text frames only");
                yield break;
            }

            yield return Encoding.UTF8.GetString(buffer, 0, length);
        }
    }

    /// <summary>Ends the connection at once with a TCP reset, as a relay that vanished would: no close frame.</summary>
    public void Reset()
    {
        try
        {
            socket.LingerState = new LingerOption(true, 0);
            socket.Close();
        }
        catch (Exception ex) when (ex is SocketException or ObjectDisposedException)
        {
            // Already gone.
        }

        webSocket.Abort();
    }

    public void Dispose()
    {
        webSocket.Dispose();
        socket.Dispose();
        _sending.Dispose();
    }

    private async Task SendHeldAsync(byte[] bytes)
    {
        try
        {
            await webSocket.SendAsync(bytes, WebSocketMessageType.Text, endOfMessage: true, CancellationToken.None);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or ObjectDisposedException or InvalidOperationException)
        {
            // The receive loop sees the end and removes the session.
        }
        finally
        {
            try
            {
                _sending.Release();
            }
            catch (ObjectDisposedException)
            {
                // Disposed meanwhile.
            }
        }
    }

    private async Task CloseAsync(WebSocketCloseStatus status, string reason)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(2));
            await webSocket.CloseOutputAsync(status, reason, timeout.Token);
        }
        catch (Exception ex) when (ex is WebSocketException or IOException or OperationCanceledException or ObjectDisposedException or InvalidOperationException)
        {
            // The client went first.
        }
    }
}

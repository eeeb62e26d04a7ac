using System.Collections.Concurrent;
using System.Net.WebSockets;
using System.Text.Json;
using Websocket.Client;

namespace SysMedic.Tests.Relay;

/// <summary>A remote client of the relay built on Websocket.Client, as the console's remote connection is: collects every message and how the connection ended.</summary>
internal sealed class RelayTestClient : IDisposable
{
    private readonly WebsocketClient _client;
    private readonly BlockingCollection<string> _messages = [];
    private readonly TaskCompletionSource<DisconnectionInfo> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);

    private RelayTestClient(WebsocketClient client)
    {
        _client = client;
        _client.MessageReceived.Subscribe(m =>
        {
            if (m.Text is { } text)
            {
                Sizes.Enqueue(text.Length);
                _messages.Add(text);
            }
        });
        _client.DisconnectionHappened.Subscribe(d => _closed.TrySetResult(d));
    }

    /// <summary>How the connection ended, once it has.</summary>
    public Task<DisconnectionInfo> Closed => _closed.Task;

    /// <summary>The length of every message received, in order.</summary>
    public ConcurrentQueue<int> Sizes { get; } = new();

    /// <summary>The type of every message <see cref="Next"/> took or skipped, in order.</summary>
    public ConcurrentQueue<string> Types { get; } = new();

    public static async Task<RelayTestClient> ConnectAsync(int port, string secret, string? feed = null)
    {
        var client = new WebsocketClient(new Uri($"ws://127.0.0.1:{port}/ws{(feed is null ? "" : "?feed=" + feed)}"), () =>
        {
            var socket = new ClientWebSocket();
            socket.Options.SetRequestHeader("Authorization", "Bearer " + secret);
            return socket;
        })
        {
            IsReconnectionEnabled = false,
            ReconnectTimeout = null,
        };
        var wrapper = new RelayTestClient(client);
        await client.StartOrFail();
        return wrapper;
    }

    /// <summary>Sends one text frame.</summary>
    public void Send(string text) => _client.Send(text);

    /// <summary>The next message whose type is <paramref name="type"/> (others are skipped), within <paramref name="limit"/>.</summary>
    public JsonElement Next(string type, TimeSpan limit)
    {
        using var timeout = new CancellationTokenSource(limit);
        try
        {
            while (true)
            {
                string text = _messages.Take(timeout.Token);
                using JsonDocument doc = JsonDocument.Parse(text);
                Types.Enqueue(doc.RootElement.GetProperty("type").GetString()!);
                if (doc.RootElement.GetProperty("type").GetString() == type)
                {
                    return doc.RootElement.Clone();
                }
            }
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"no '{type}' message within {limit.TotalSeconds} s");
        }
    }

    public void Dispose()
    {
        _client.Dispose();
        _messages.Dispose();
    }
}

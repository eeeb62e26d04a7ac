using System.Net.Sockets;
using Microsoft.Extensions.Logging;
using SysMedic.Agent.Protocol;
using SysMedic.Core.Protocol;

namespace SysMedic.Agent.Relay;

/// <summary>
/// The relay's connection to the doctor's local socket. Reconnects by itself (every second at first, then every
/// <see cref="MaxRetryDelay"/>) and reports the doctor going and coming back, so the relay can tell its clients.
/// </summary>
public sealed class DoctorLink(string socketPath, ILogger logger) : IAsyncDisposable
{
    /// <summary>Longest pause between two attempts to reach the doctor.</summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromSeconds(3);

    private static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(5);
    private readonly CancellationTokenSource _stop = new();
    private readonly SemaphoreSlim _watchSync = new(1, 1);
    private LocalSocketClient? _client;
    private Task? _run;
    private volatile bool _live;

    /// <summary>The doctor's hello while it answers; null while it is down.</summary>
    public HelloMessage? Hello { get; private set; }

    /// <summary>The newest snapshot from the doctor (kept while it is down, for /metrics to say how old it is).</summary>
    public SnapshotMessage? LatestSnapshot { get; private set; }

    /// <summary>Why the doctor is not reachable, or null when it is.</summary>
    public string? DownReason { get; private set; } = "not connected yet";

    /// <summary>Where the doctor's socket is.</summary>
    public string SocketPath => socketPath;

    /// <summary>The doctor answered (again): its hello.</summary>
    public event Action<HelloMessage>? Up;

    /// <summary>The doctor went away: why.</summary>
    public event Action<string>? Down;

    /// <summary>A snapshot arrived from the doctor.</summary>
    public event Action<SnapshotMessage>? SnapshotReceived;

    /// <summary>An alert was raised or resolved.</summary>
    public event Action<AlertMessage>? AlertReceived;

    /// <summary>
    /// Tells the doctor (now, and after every reconnection) whether remote consoles are connected, so it should sample
    /// at its live interval. While not, the relay still gets the doctor's snapshots (for <c>/metrics</c>) at its idle
    /// pace.
    /// </summary>
    public void SetLive(bool live)
    {
        _live = live;
        if (_client is { } client)
        {
            _ = SendWatchAsync(client);
        }
    }

    /// <summary>Starts connecting, and reconnecting whenever the doctor goes away.</summary>
    public void Start() => _run ??= Task.Run(() => RunAsync(_stop.Token));

    /// <summary>
    /// Sends <paramref name="request"/> to the doctor under an id of the link's own and returns the answer under the
    /// client's id, or an <c>unavailable</c> error when the doctor does not answer.
    /// </summary>
    public async Task<ProtocolMessage> ForwardAsync(RequestMessage request, TimeSpan timeout, CancellationToken cancel)
    {
        LocalSocketClient? client = _client;
        if (client is null)
        {
            return new ErrorMessage(request.Id, ErrorMessage.Unavailable, "the doctor is not available");
        }

        try
        {
            ProtocolMessage answer = await client.RequestAsync(id => request with { Id = id }, timeout, cancel);
            return answer switch
            {
                ResultMessage result => result with { Id = request.Id },
                ErrorMessage error => error with { Id = request.Id },
                _ => new ErrorMessage(request.Id, ErrorMessage.Internal, "unexpected answer from the doctor"),
            };
        }
        catch (TimeoutException)
        {
            return new ErrorMessage(request.Id, ErrorMessage.Unavailable, "the doctor did not answer in time");
        }
        catch (IOException ex)
        {
            return new ErrorMessage(request.Id, ErrorMessage.Unavailable, $"the doctor went away: {ex.Message}");
        }
    }

    private async Task RunAsync(CancellationToken cancel)
    {
        TimeSpan delay = TimeSpan.FromSeconds(1);
        string? lastFailure = null;
        while (!cancel.IsCancellationRequested)
        {
            LocalSocketClient client;
            try
            {
                client = await LocalSocketClient.ConnectAsync(socketPath, ConnectTimeout, cancel);
            }
            catch (OperationCanceledException) when (cancel.IsCancellationRequested)
            {
                return;
            }
            catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or UnauthorizedAccessException)
            {
                string reason = File.Exists(socketPath)
                    ? $"cannot reach the doctor at {socketPath}: {ex.Message}"
                    : $"no doctor socket at {socketPath} (is the doctor running?)";
                if (reason != lastFailure)
                {
                    logger.LogWarning("{Reason}; retrying every {Seconds} s", reason, MaxRetryDelay.TotalSeconds);
                    lastFailure = reason;
                }

                DownReason = "the doctor is not running or does not answer";
                await Task.Delay(delay, cancel).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                delay = TimeSpan.FromTicks(Math.Min(delay.Ticks * 2, MaxRetryDelay.Ticks));
                continue;
            }

            var ended = new TaskCompletionSource<string?>(TaskCreationOptions.RunContinuationsAsynchronously);
            client.Disconnected += reason => ended.TrySetResult(reason);
            client.SnapshotReceived += s =>
            {
                LatestSnapshot = s;
                SnapshotReceived?.Invoke(s);
            };
            client.AlertReceived += a => AlertReceived?.Invoke(a);
            HelloMessage hello = await client.Hello;
            _client = client;
            Hello = hello;
            DownReason = null;
            lastFailure = null;
            delay = TimeSpan.FromSeconds(1);
            logger.LogInformation("connected to the doctor at {Socket} (host {Host}, agent {Version})", socketPath, hello.Host, hello.AgentVersion);
            await SendWatchAsync(client);
            Up?.Invoke(hello);

            string? why = null;
            try
            {
                why = await ended.Task.WaitAsync(cancel);
            }
            catch (OperationCanceledException)
            {
                // Stopping.
            }

            _client = null;
            Hello = null;
            await client.DisposeAsync();
            if (cancel.IsCancellationRequested)
            {
                return;
            }

            DownReason = "the doctor went away";
            logger.LogWarning("lost the doctor at {Socket}: {Reason}; reconnecting", socketPath, why ?? "closed");
            Down?.Invoke(DownReason);
        }
    }

    private async Task SendWatchAsync(LocalSocketClient client)
    {
        // One at a time, and always the newest wish: two clients leaving and arriving at once end in the right state.
        await _watchSync.WaitAsync().ConfigureAwait(false);
        try
        {
            bool live = _live;
            ProtocolMessage answer = await client.RequestAsync(id => new WatchRequest(id, live), ConnectTimeout, _stop.Token).ConfigureAwait(false);
            if (answer is ErrorMessage error)
            {
                // A doctor older than the watch request samples at its live interval while the relay is attached.
                logger.LogInformation("the doctor did not take the watch request: {Message}", error.Message);
            }
        }
        catch (Exception ex) when (ex is TimeoutException or IOException or OperationCanceledException or ObjectDisposedException)
        {
            // The link is going away; the next connection sends the wish again.
        }
        finally
        {
            _watchSync.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_run is not null)
        {
            await _run.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
        _watchSync.Dispose();
    }
}

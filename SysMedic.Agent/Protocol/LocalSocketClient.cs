using System.Collections.Concurrent;
using System.Globalization;
using System.Net.Sockets;
using SysMedic.Core.Protocol;

namespace SysMedic.Agent.Protocol;

/// <summary>
/// A client of the doctor's local socket: receives hello, snapshots and alerts as events, and sends requests whose
/// responses come back by id. Used by the local console and by the relay.
/// </summary>
public sealed class LocalSocketClient : IAsyncDisposable
{
    /// <summary>Largest line accepted from the doctor (a snapshot of a very busy host).</summary>
    public const int MaxServerLine = 64 * 1024 * 1024;

    private readonly LineChannel _channel;
    private readonly PendingRequests _pending = new();
    private readonly CancellationTokenSource _stop = new();
    private int _disposed;
    private readonly TaskCompletionSource<HelloMessage> _hello = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource<string?> _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Action<ProtocolMessage>? _observer;
    private readonly Task _readLoop;

    private LocalSocketClient(Socket socket, Action<ProtocolMessage>? observer)
    {
        _observer = observer;
        _channel = new LineChannel(new NetworkStream(socket, ownsSocket: true), MaxServerLine);
        _readLoop = ReadLoopAsync(_stop.Token);
    }

    /// <summary>A snapshot arrived (on a pool thread).</summary>
    public event Action<SnapshotMessage>? SnapshotReceived;

    /// <summary>An alert was raised or resolved (on a pool thread).</summary>
    public event Action<AlertMessage>? AlertReceived;

    /// <summary>The connection ended; the argument says why (null: closed by us).</summary>
    public event Action<string?>? Disconnected;

    /// <summary>The server's hello, once received.</summary>
    public Task<HelloMessage> Hello => _hello.Task;

    /// <summary>Completes when the connection has ended, with the reason (null: closed by us).</summary>
    public Task<string?> Closed => _closed.Task;

    /// <summary>Connects to <paramref name="path"/> and waits for the hello; throws <see cref="SocketException"/> when nobody answers.</summary>
    public static Task<LocalSocketClient> ConnectAsync(string path, TimeSpan timeout, CancellationToken cancel = default) =>
        ConnectAsync(path, timeout, null, cancel);

    /// <summary>
    /// Connects to <paramref name="path"/> and waits for the hello; throws <see cref="SocketException"/> when nobody answers.
    /// <paramref name="observer"/>, when given, sees every message from the server, the hello first, on the reading thread.
    /// </summary>
    public static async Task<LocalSocketClient> ConnectAsync(string path, TimeSpan timeout, Action<ProtocolMessage>? observer, CancellationToken cancel = default)
    {
        var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            await socket.ConnectAsync(new UnixDomainSocketEndPoint(path), cancel);
        }
        catch
        {
            socket.Dispose();
            throw;
        }

        var client = new LocalSocketClient(socket, observer);
        try
        {
            await client.Hello.WaitAsync(timeout, cancel);
            return client;
        }
        catch
        {
            await client.DisposeAsync();
            throw;
        }
    }

    /// <summary>Sends <paramref name="build"/>(id) and waits for the response with that id.</summary>
    public Task<ProtocolMessage> RequestAsync(Func<string, RequestMessage> build, TimeSpan timeout, CancellationToken cancel = default) =>
        _pending.RequestAsync(build, _channel.SendAsync, timeout, TimeProvider.System, cancel);

    /// <summary>Sends one message as it is (a caller that keeps its own request ids).</summary>
    public ValueTask SendAsync(ProtocolMessage message, CancellationToken cancel = default) => _channel.SendAsync(message, cancel);

    private async Task ReadLoopAsync(CancellationToken cancel)
    {
        string? reason = null;
        try
        {
            while (true)
            {
                var (message, error, ended) = await _channel.ReadMessageAsync(cancel);
                if (ended)
                {
                    reason = "the doctor closed the connection";
                    return;
                }

                Dispatch(message ?? error!);
            }
        }
        catch (OperationCanceledException)
        {
            reason = null;
        }
        catch (Exception ex) when (ex is IOException or SocketException or ProtocolViolationException or ObjectDisposedException)
        {
            reason = ex.Message;
        }
        finally
        {
            _pending.FailAll(new IOException(reason ?? "connection closed"));
            _hello.TrySetException(new IOException(reason ?? "connection closed"));
            Disconnected?.Invoke(reason);
            _closed.TrySetResult(reason);
        }
    }

    private void Dispatch(ProtocolMessage message)
    {
        _observer?.Invoke(message);
        switch (message)
        {
            case HelloMessage hello:
                _hello.TrySetResult(hello);
                break;
            case SnapshotMessage snapshot:
                SnapshotReceived?.Invoke(snapshot);
                break;
            case AlertMessage alert:
                AlertReceived?.Invoke(alert);
                break;
            case ResultMessage or ErrorMessage:
                _pending.Complete(message);
                break;
            default:
                break;
        }
    }

    public async ValueTask DisposeAsync()
    {
        // Idempotent, as disposal should be: a second call finds everything done.
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }

        await _stop.CancelAsync();
        await _channel.DisposeAsync();
        await _readLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        _stop.Dispose();
    }
}

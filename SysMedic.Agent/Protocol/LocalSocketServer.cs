using System.Net.Sockets;
using System.Text;
using Microsoft.Extensions.Logging;
using SysMedic.Agent.Daemon;
using SysMedic.Core.Protocol;

namespace SysMedic.Agent.Protocol;

/// <summary>
/// The doctor's local socket: serves the protocol as newline-delimited JSON to local consoles and the relay. Access
/// is by file permission on the socket (mode 0660, group <c>sysmedic</c> when it exists); each peer's credentials
/// are read with SO_PEERCRED and logged. The server removes only a socket file it made: at start one that nobody
/// answers on (left by a crash), at stop its own, and never one another server bound since.
/// </summary>
public sealed partial class LocalSocketServer : IAsyncDisposable
{
    /// <summary>Largest line a client may send (requests are small).</summary>
    public const int MaxRequestLine = ProtocolMessage.MaxRequestBytes;

    private readonly string _path;
    private readonly IProtocolHandler _handler;
    private readonly ILogger _logger;
    private readonly Dictionary<int, PendingPushes> _clients = [];
    private readonly HashSet<int> _notWatching = [];
    private readonly Lock _clientsLock = new();
    private readonly CancellationTokenSource _stop = new();
    private Socket? _listener;
    private Task? _acceptLoop;
    private FileIdentity? _bound;
    private int _nextClient;
    private int _disposed;

    /// <summary>A server for <paramref name="path"/> answering with <paramref name="handler"/>.</summary>
    public LocalSocketServer(string path, IProtocolHandler handler, ILogger logger)
    {
        _path = path;
        _handler = handler;
        _logger = logger;
    }

    /// <summary>The socket's path.</summary>
    public string Path => _path;

    /// <summary>Clients connected now.</summary>
    public int ClientCount
    {
        get
        {
            lock (_clientsLock)
            {
                return _clients.Count;
            }
        }
    }

    /// <summary>Clients that want live snapshots now: all but those that said otherwise (the relay with nobody on it).</summary>
    public int WatchingCount
    {
        get
        {
            lock (_clientsLock)
            {
                return _clients.Count - _notWatching.Count;
            }
        }
    }

    /// <summary>Binds the socket (replacing a stale one left by a crash) and starts accepting.</summary>
    public void Start()
    {
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_path)!);
        RemoveStaleSocket(_path);

        // Bound under a temporary name, then linked into place: .NET unlinks the path a socket was bound to when the
        // socket is disposed, whoever's file is there by then, so the real path must never be that one. The link also
        // fails, rather than replacing it, if another server got there in the meantime, and the socket is never seen
        // with the wrong mode.
        string temporary = System.IO.Path.Combine(System.IO.Path.GetDirectoryName(_path)!, $".{System.IO.Path.GetFileName(_path)}.{Environment.ProcessId}");
        File.Delete(temporary);
        var listener = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            listener.Bind(new UnixDomainSocketEndPoint(temporary));
            SocketAccess.Restrict(temporary, _logger);
            SocketAccess.Link(temporary, _path);
        }
        catch
        {
            listener.Dispose();
            throw;
        }
        finally
        {
            File.Delete(temporary);
        }

        _bound = FileIdentity.TryGet(_path, out FileIdentity made) ? made : null;
        listener.Listen(64);
        _listener = listener;
        _acceptLoop = AcceptLoopAsync(listener, _stop.Token);
    }

    /// <summary>Sends a snapshot to every client (serialized once; a slow client keeps only the newest).</summary>
    public void BroadcastSnapshot(SnapshotMessage snapshot) => Broadcast(ProtocolCodec.SerializeToUtf8(snapshot), isSnapshot: true);

    /// <summary>Sends an already serialized snapshot message to every client.</summary>
    public void BroadcastLine(string snapshotJson) => Broadcast(Encoding.UTF8.GetBytes(snapshotJson), isSnapshot: true);

    /// <summary>Sends an event (an alert) to every client, in order.</summary>
    public void BroadcastEvent(ProtocolMessage message) => Broadcast(ProtocolCodec.SerializeToUtf8(message), isSnapshot: false);

    private void Broadcast(byte[] json, bool isSnapshot)
    {
        lock (_clientsLock)
        {
            foreach (PendingPushes queue in _clients.Values)
            {
                if (isSnapshot)
                {
                    queue.OfferSnapshot(json);
                }
                else
                {
                    queue.OfferEvent(json);
                }
            }
        }
    }

    private async Task AcceptLoopAsync(Socket listener, CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            Socket client;
            try
            {
                client = await listener.AcceptAsync(cancel);
            }
            catch (OperationCanceledException)
            {
                return;
            }
            catch (SocketException ex)
            {
                _logger.LogWarning("local socket: accept failed: {Message}", ex.Message);
                await Task.Delay(100, cancel).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                continue;
            }

            _ = ServeAsync(client, cancel);
        }
    }

    private async Task ServeAsync(Socket socket, CancellationToken cancel)
    {
        PeerCredentials peer = SocketAccess.PeerOf(socket);
        int id = Interlocked.Increment(ref _nextClient);
        var queue = new PendingPushes();
        using var clientStop = CancellationTokenSource.CreateLinkedTokenSource(cancel);
        await using var channel = new LineChannel(new NetworkStream(socket, ownsSocket: true), MaxRequestLine);
        lock (_clientsLock)
        {
            _clients[id] = queue;
        }

        _logger.LogInformation("local socket: client {Id} connected (pid {Pid}, uid {Uid})", id, peer.Pid, peer.Uid);
        Task writer = WriteLoopAsync(channel, queue, clientStop.Token);
        try
        {
            await channel.SendAsync(_handler.Hello(), clientStop.Token);
            if (_handler.LatestSnapshotJson() is { } latest)
            {
                queue.OfferSnapshot(Encoding.UTF8.GetBytes(latest));
            }

            await ReadLoopAsync(channel, id, peer, clientStop.Token);
        }
        catch (Exception ex) when (ex is IOException or SocketException or ProtocolViolationException or ObjectDisposedException)
        {
            _logger.LogInformation("local socket: client {Id} dropped: {Message}", id, ex.Message);
        }
        catch (OperationCanceledException)
        {
            // Shutting down.
        }
        finally
        {
            lock (_clientsLock)
            {
                _clients.Remove(id);
                _notWatching.Remove(id);
            }

            await clientStop.CancelAsync();
            await writer.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            _logger.LogInformation("local socket: client {Id} disconnected", id);
        }
    }

    private async Task ReadLoopAsync(LineChannel channel, int id, PeerCredentials peer, CancellationToken cancel)
    {
        while (true)
        {
            var (message, error, ended) = await channel.ReadMessageAsync(cancel);
            if (ended)
            {
                return;
            }

            ProtocolMessage reply = message switch
            {
                null => error!,
                WatchRequest watch => Watch(id, watch),
                SubscribeRequest subscribe => new ErrorMessage(subscribe.Id, ErrorMessage.BadRequest, "subscribe is the relay's: the doctor's socket sends every client its snapshots"),
                RequestMessage request => await HandleSafelyAsync(request, peer, cancel),
                _ => new ErrorMessage(null, ErrorMessage.BadRequest, "only requests are accepted from clients"),
            };
            await channel.SendAsync(reply, cancel);
        }
    }

    private WatchResult Watch(int id, WatchRequest watch)
    {
        lock (_clientsLock)
        {
            _ = watch.Live ? _notWatching.Remove(id) : _notWatching.Add(id);
        }

        return new WatchResult(watch.Id, watch.Live);
    }

    private async ValueTask<ProtocolMessage> HandleSafelyAsync(RequestMessage request, PeerCredentials peer, CancellationToken cancel)
    {
        try
        {
            return await _handler.HandleAsync(request, peer, cancel);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            // A request must never take the server down: the client hears what failed, the log keeps the details.
            _logger.LogError(ex, "local socket: request {Type} {Id} failed", request.GetType().Name, request.Id);
            return new ErrorMessage(request.Id, ErrorMessage.Internal, ex.Message);
        }
    }

    private static async Task WriteLoopAsync(LineChannel channel, PendingPushes queue, CancellationToken cancel)
    {
        try
        {
            while (true)
            {
                foreach (byte[] json in await queue.TakeAsync(cancel))
                {
                    await channel.SendLineAsync(json, cancel);
                }
            }
        }
        catch (Exception ex) when (ex is OperationCanceledException or IOException or SocketException or ObjectDisposedException)
        {
            // The reader side notices the end and cleans up.
        }
    }

    private static void RemoveStaleSocket(string path)
    {
        if (!File.Exists(path))
        {
            return;
        }

        using var probe = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        try
        {
            probe.Connect(new UnixDomainSocketEndPoint(path));
        }
        catch (SocketException ex) when (ex.SocketErrorCode == SocketError.ConnectionRefused)
        {
            // Nobody listens: left by a crash.
            File.Delete(path);
            return;
        }
        catch (SocketException ex)
        {
            // Not allowed to connect, or the listener's queue is full: it may well be served, so it is not touched.
            throw new IOException($"{path}: cannot tell whether another process serves this socket ({ex.Message}); it is left as it is", ex);
        }

        throw new IOException($"{path}: another process is serving this socket");
    }

    public async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) != 0)
        {
            return;
        }

        await _stop.CancelAsync();
        _listener?.Dispose();
        if (_acceptLoop is not null)
        {
            await _acceptLoop.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        if (_bound is { } mine)
        {
            _ = FileIdentity.DeleteIfSame(_path, mine);
        }

        _stop.Dispose();
    }
}

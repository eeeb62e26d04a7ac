using System.Net.Sockets;
using SysMedic.Agent.Protocol;
using SysMedic.Core.Protocol;

namespace SysMedic.Tui.Connection;

/// <summary>
/// The doctor on this host through its Unix socket. When the doctor goes away the header says since when, and the
/// connection tries again every <see cref="RetryInterval"/> until it answers.
/// </summary>
public sealed class LocalConnection : ProtocolConnection
{
    /// <summary>How long a connection attempt waits for the doctor's hello.</summary>
    public static readonly TimeSpan ConnectTimeout = TimeSpan.FromSeconds(3);

    private readonly CancellationTokenSource _stop = new();
    private volatile LocalSocketClient? _client;
    private Task? _supervisor;

    /// <summary>A connection to the socket at <paramref name="socketPath"/>; nothing happens until it connects or starts.</summary>
    public LocalConnection(string socketPath, TimeProvider? time = null, TimeSpan? retryInterval = null)
        : base(time)
    {
        SocketPath = socketPath;
        RetryInterval = retryInterval ?? TimeSpan.FromSeconds(2);
    }

    /// <summary>The doctor's socket.</summary>
    public string SocketPath { get; }

    /// <summary>Time between attempts while the doctor does not answer.</summary>
    public TimeSpan RetryInterval { get; }

    public override ConnectionKind Kind => ConnectionKind.Local;

    public override string Label => "local";

    public override string Address => SocketPath;

    /// <summary>
    /// Connects to the doctor at <paramref name="socketPath"/> and waits for its first snapshot (so the console opens
    /// full); null when no doctor answers there.
    /// </summary>
    public static async Task<LocalConnection?> TryConnectAsync(string socketPath, TimeProvider? time = null, CancellationToken cancellationToken = default)
    {
        if (!File.Exists(socketPath))
        {
            return null;
        }

        var connection = new LocalConnection(socketPath, time);
        if (!await connection.ConnectOnceAsync(cancellationToken))
        {
            connection.Dispose();
            return null;
        }

        var first = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        void OnFirst(object? sender, Core.Sampling.Snapshot s) => first.TrySetResult();
        connection.SnapshotReceived += OnFirst;
        if (connection.Latest is null)
        {
            // The doctor sends its latest snapshot right after the hello; a doctor just started may need a live interval.
            await first.Task.WaitAsync(connection.LiveInterval * 2 + TimeSpan.FromSeconds(1), cancellationToken).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        connection.SnapshotReceived -= OnFirst;
        return connection;
    }

    /// <summary>Keeps the connection up: reconnects after the doctor goes away. Calling it twice does nothing.</summary>
    public override void Start() => _supervisor ??= Task.Run(() => SuperviseAsync(_stop.Token));

    protected override ValueTask SendAsync(ProtocolMessage message, CancellationToken cancellationToken) =>
        _client is { } client ? client.SendAsync(message, cancellationToken) : ValueTask.FromException(new IOException("not connected to the doctor"));

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // On a pool thread: File > Connect disposes this on the UI thread, whose synchronization context must not
            // be waited on by the continuations being waited for.
            _stop.Cancel();
            LocalSocketClient? client = _client;
            _client = null;
            Task.Run(async () =>
            {
                if (_supervisor is { } supervisor)
                {
                    await supervisor.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
                }

                try
                {
                    if (client is not null)
                    {
                        await client.DisposeAsync();
                    }
                }
                catch (ObjectDisposedException)
                {
                    // The supervisor ended it first, as the doctor went away.
                }
            }).Wait(TimeSpan.FromSeconds(5));
            _stop.Dispose();
        }

        base.Dispose(disposing);
    }

    private async Task<bool> ConnectOnceAsync(CancellationToken cancellationToken)
    {
        try
        {
            _client = await LocalSocketClient.ConnectAsync(SocketPath, ConnectTimeout, Receive, cancellationToken);
            return true;
        }
        catch (Exception ex) when (ex is SocketException or IOException or TimeoutException or UnauthorizedAccessException)
        {
            if (State != ConnectionState.Connecting)
            {
                SetState(ConnectionState.Reconnecting, Reason(ex));
            }

            return false;
        }
    }

    private async Task SuperviseAsync(CancellationToken stop)
    {
        try
        {
            while (!stop.IsCancellationRequested)
            {
                if (_client is null && !await ConnectOnceAsync(stop))
                {
                    if (State == ConnectionState.Connecting)
                    {
                        SetState(ConnectionState.Reconnecting, "the doctor does not answer");
                    }

                    await Task.Delay(RetryInterval, Time, stop);
                    continue;
                }

                LocalSocketClient client = _client!;
                string? reason = await client.Closed.WaitAsync(stop);
                _client = null;
                await client.DisposeAsync();
                OnLinkDown(ConnectionState.Reconnecting, reason ?? "connection closed");
                await Task.Delay(RetryInterval, Time, stop);
            }
        }
        catch (OperationCanceledException)
        {
            // Disposed.
        }
    }

    private static string Reason(Exception ex) => ex switch
    {
        SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.AddressNotAvailable } => "the doctor does not answer",
        SocketException { SocketErrorCode: SocketError.AccessDenied } or UnauthorizedAccessException => "no permission on the socket (group sysmedic)",
        TimeoutException => "the doctor did not say hello",
        _ => ex.Message,
    };
}

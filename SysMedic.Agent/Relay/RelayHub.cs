using System.Collections.Concurrent;
using System.Net.WebSockets;
using Microsoft.Extensions.Logging;
using SysMedic.Core.Config;
using SysMedic.Core.Protocol;

namespace SysMedic.Agent.Relay;

/// <summary>
/// The relay's clients and what they are sent: the doctor's hello (as the relay's), a snapshot every update
/// interval (serialized once for everyone, with only the busiest processes), alerts as they come, and
/// <c>doctor_unavailable</c> while the doctor is down. Applies configuration reloads: a new secret closes the
/// sessions opened with the old one.
/// </summary>
public sealed class RelayHub : IAsyncDisposable
{
    /// <summary>Most processes in a snapshot sent to remote clients (the busiest by CPU, then memory).</summary>
    public const int MaxProcesses = 100;

    /// <summary>In the relay's hello: it answers <c>subscribe</c> and <c>/ws?feed=summary</c>.</summary>
    public const string SummaryCapability = "summary";

    private readonly ConcurrentDictionary<long, RelaySession> _sessions = new();

    // Joining and leaving with the wish sent to the doctor, so the last wish matches the sessions.
    private readonly Lock _liveLock = new();
    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly CancellationTokenSource _stop = new();
    private WebSocketSection _settings;
    private long _nextSession;
    private int _reserved;
    private volatile SnapshotMessage? _lastSent;
    private Task? _ticker;

    public RelayHub(DoctorLink doctor, WebSocketSection settings, ILogger logger, TimeProvider time)
    {
        Doctor = doctor;
        _settings = settings;
        _logger = logger;
        _time = time;
        doctor.Up += _ => BroadcastEvent(ProtocolCodec.SerializeToUtf8(HelloForClients()!));
        doctor.Down += reason => BroadcastEvent(ProtocolCodec.SerializeToUtf8(new DoctorUnavailableMessage(reason)));
        doctor.AlertReceived += alert => BroadcastEvent(ProtocolCodec.SerializeToUtf8(alert));
    }

    /// <summary>The link to the doctor.</summary>
    public DoctorLink Doctor { get; }

    /// <summary>The relay's settings in force.</summary>
    public WebSocketSection Settings => Volatile.Read(ref _settings);

    /// <summary>Clients connected now.</summary>
    public int ClientCount => _sessions.Count;

    /// <summary>When the relay started.</summary>
    public DateTimeOffset StartedAt { get; } = DateTimeOffset.UtcNow;

    /// <summary>Starts pushing snapshots every update interval.</summary>
    public void Start() => _ticker ??= Task.Run(() => TickAsync(_stop.Token));

    /// <summary>Reserves a place for one more client; false when <c>websocket.max_clients</c> are connected already.</summary>
    public bool TryReserve()
    {
        if (Interlocked.Increment(ref _reserved) > Settings.MaxClients)
        {
            Interlocked.Decrement(ref _reserved);
            return false;
        }

        return true;
    }

    /// <summary>Gives back a place taken by <see cref="TryReserve"/> (the client left, or never came in).</summary>
    public void Release() => Interlocked.Decrement(ref _reserved);

    /// <summary>Serves one authenticated client until it leaves; its place must have been reserved.</summary>
    public async Task ServeAsync(WebSocket socket, System.Net.IPAddress remote, string secret, CancellationToken stopping, string feed = SubscribeRequest.Snapshots)
    {
        long id = Interlocked.Increment(ref _nextSession);
        using var session = new RelaySession(id, socket, remote, secret, Doctor, _logger, () => Settings.AllowActions, feed, OfferLatest);
        lock (_liveLock)
        {
            _sessions[id] = session;
            Doctor.SetLive(true);
        }

        _logger.LogInformation("client {Id} connected from {Remote} ({Count} connected{Feed})", id, remote, _sessions.Count, feed == SubscribeRequest.Summaries ? ", summaries" : "");
        try
        {
            if (HelloForClients() is { } hello)
            {
                session.Pushes.OfferEvent(ProtocolCodec.SerializeToUtf8(hello));
                OfferLatest(session);
            }
            else
            {
                session.Pushes.OfferEvent(ProtocolCodec.SerializeToUtf8(new DoctorUnavailableMessage(Doctor.DownReason ?? "the doctor is not available")));
            }

            await session.RunAsync(stopping);
        }
        finally
        {
            lock (_liveLock)
            {
                _sessions.TryRemove(id, out _);
                Doctor.SetLive(!_sessions.IsEmpty);
            }

            _logger.LogInformation("client {Id} from {Remote} left ({Count} connected)", id, remote, _sessions.Count);
        }
    }

    /// <summary>
    /// Applies a reloaded configuration (where the relay listens never changes here: the configuration watcher keeps
    /// those keys until a restart); a changed secret closes every session opened with the old one.
    /// </summary>
    public void Apply(WebSocketSection settings)
    {
        WebSocketSection old = Interlocked.Exchange(ref _settings, settings);
        if (old.Secret != settings.Secret)
        {
            int closed = 0;
            foreach (RelaySession session in _sessions.Values)
            {
                if (!RelaySecret.Matches(session.Secret, settings.Secret))
                {
                    session.Close(WebSocketCloseStatus.PolicyViolation, "secret rotated");
                    closed++;
                }
            }

            _logger.LogWarning("websocket.secret changed: {Closed} client(s) using the old secret disconnected", closed);
        }

    }

    /// <summary>The hello the relay sends: the doctor's, with the relay's role and update interval; null while the doctor is down.</summary>
    public HelloMessage? HelloForClients() =>
        Doctor.Hello is { } hello
            ? hello with
            {
                Role = "relay",
                LiveIntervalSeconds = Settings.UpdateInterval,
                // Without websocket.allow_actions the relay refuses actions: its consoles should not offer them. The
                // summary feed is the relay's own.
                Capabilities = [.. hello.Capabilities.Where(c => Settings.AllowActions || c is not ("signal" or "renice")), SummaryCapability],
            }
            : null;

    private void BroadcastEvent(byte[] json)
    {
        foreach (RelaySession session in _sessions.Values)
        {
            session.Pushes.OfferEvent(json);
        }
    }

    private async Task TickAsync(CancellationToken cancel)
    {
        while (!cancel.IsCancellationRequested)
        {
            try
            {
                await Task.Delay(UntilNextTick(), _time, cancel);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            SnapshotMessage? latest = Doctor.LatestSnapshot;
            if (latest is null || Doctor.Hello is null || ReferenceEquals(latest, _lastSent))
            {
                continue;
            }

            _lastSent = latest;
            if (_sessions.IsEmpty)
            {
                continue;
            }

            // Each feed is serialized once for all its sessions, and only when someone reads it.
            byte[]? snapshot = null;
            byte[]? summary = null;
            foreach (RelaySession session in _sessions.Values)
            {
                session.Pushes.OfferSnapshot(session.Feed == SubscribeRequest.Summaries
                    ? summary ??= SerializeSummary(latest)
                    : snapshot ??= SerializeSnapshot(latest));
            }
        }
    }

    // Ticks fall on wall-clock multiples of the update interval (every 2 s: at :00, :02, ...), so the relays of a fleet,
    // their clocks kept by NTP, push within milliseconds of one another: a fleet console reads them in a burst, one
    // wake-up for many, instead of a hundred wake-ups spread over the interval.
    private TimeSpan UntilNextTick()
    {
        long ms = (long)(Math.Max(1, Settings.UpdateInterval) * 1000);
        return TimeSpan.FromMilliseconds(ms - (_time.GetUtcNow().ToUnixTimeMilliseconds() % ms));
    }

    // The newest of the session's feed, at once: on connecting, and when it changes feed.
    private void OfferLatest(RelaySession session)
    {
        if (_lastSent is { } latest && Doctor.Hello is not null)
        {
            session.Pushes.OfferSnapshot(session.Feed == SubscribeRequest.Summaries ? SerializeSummary(latest) : SerializeSnapshot(latest));
        }
    }

    private byte[] SerializeSummary(SnapshotMessage message) =>
        ProtocolCodec.SerializeToUtf8(SummaryMessage.From(message) with { SentAt = _time.GetUtcNow() });

    private byte[] SerializeSnapshot(SnapshotMessage message)
    {
        var processes = message.Snapshot.Processes;
        SnapshotMessage trimmed = processes.Count <= MaxProcesses
            ? message
            : message with
            {
                Snapshot = message.Snapshot with
                {
                    Processes = processes.OrderByDescending(p => p.CpuPercent).ThenByDescending(p => p.RssBytes).Take(MaxProcesses).ToList(),
                },
                ProcessesTotal = processes.Count,
            };
        return ProtocolCodec.SerializeToUtf8(trimmed with { SentAt = _time.GetUtcNow() });
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        if (_ticker is not null)
        {
            await _ticker.ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        }

        _stop.Dispose();
    }
}

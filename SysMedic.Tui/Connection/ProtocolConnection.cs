using System.Collections.Concurrent;
using System.Globalization;
using SysMedic.Core.Alerts;
using SysMedic.Core.Health;
using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;

namespace SysMedic.Tui.Connection;

/// <summary>
/// What every connection to an agent shares, whatever carries the messages (the doctor's Unix socket, the relay's
/// WebSocket): hello, snapshots and alert pushes turned into what the screens read, requests sent with an id and
/// matched with their one response, and the state the header shows. A transport calls <see cref="Receive"/> for
/// each message, <see cref="OnLinkDown"/> when the link drops and implements <see cref="SendAsync"/>.
/// </summary>
public abstract class ProtocolConnection : ISysMedicConnection
{
    /// <summary>How long a request waits for its response.</summary>
    public static readonly TimeSpan RequestTimeout = TimeSpan.FromSeconds(15);

    /// <summary>History points asked for per request (the agent allows up to 2000).</summary>
    public const int HistoryBuckets = 600;

    /// <summary>Alerts asked for per request.</summary>
    public const int AlertLimit = 500;

    private readonly PendingRequests _pending = new();
    private readonly Lock _stateLock = new();
    private volatile HelloMessage? _hello;
    private volatile Snapshot? _latest;
    private volatile Thresholds _thresholds = Thresholds.Default;
    private volatile IReadOnlyDictionary<string, DateTimeOffset> _persistentSince = new Dictionary<string, DateTimeOffset>();
    private volatile StorageInfo? _storage;
    private ConnectionState _state = ConnectionState.Connecting;
    private DateTimeOffset _since;
    private string? _problem;

    protected ProtocolConnection(TimeProvider? time)
    {
        Time = time ?? TimeProvider.System;
        _since = Time.GetLocalNow();
    }

    /// <summary>The clock for state times and retries.</summary>
    protected TimeProvider Time { get; }

    public abstract ConnectionKind Kind { get; }

    /// <summary>The connection's name in the header: "local", "remote host:port".</summary>
    public abstract string Label { get; }

    /// <summary>Where exactly, shown while connected when the label does not say it (the socket's path).</summary>
    public virtual string Address => "";

    public ConnectionState State
    {
        get
        {
            lock (_stateLock)
            {
                return _state;
            }
        }
    }

    public string Description
    {
        get
        {
            ConnectionState state;
            DateTimeOffset since;
            string? problem;
            lock (_stateLock)
            {
                (state, since, problem) = (_state, _since, _problem);
            }

            string why = problem is null ? "" : $": {problem}";
            string at = Address.Length > 0 ? $" ({Address})" : "";
            return state switch
            {
                // The agent's own trouble comes first: on a narrow terminal the end of the line is cut.
                ConnectionState.Connected when _storage is { Available: false } storage => $"{Label}: {storage.Describe()}",
                ConnectionState.Connected when _hello is { } hello => $"{Label}: connected to sysmedic {hello.AgentVersion}{at}",
                ConnectionState.Connected => $"{Label}: connected{at}",
                ConnectionState.Reconnecting => $"{Label}: reconnecting since {since.ToString("HH:mm:ss", CultureInfo.InvariantCulture)}{why}",
                ConnectionState.Lost => $"{Label}: connection lost{why}",
                _ => $"{Label}: connecting{at}{why}",
            };
        }
    }

    public ConnectionFeatures Features
    {
        get
        {
            // Before the hello the agent's usual abilities are assumed, so screens do not flash "needs the agent".
            if (_hello is not { } hello)
            {
                return ConnectionFeatures.StoredHistory | ConnectionFeatures.Alerts;
            }

            ConnectionFeatures features = ConnectionFeatures.None;
            if (hello.Capabilities.Contains("history"))
            {
                features |= ConnectionFeatures.StoredHistory;
            }

            if (hello.Capabilities.Contains("alerts"))
            {
                features |= ConnectionFeatures.Alerts;
            }

            if (hello.Capabilities.Contains("signal"))
            {
                features |= ConnectionFeatures.Actions;
            }

            if (hello.Capabilities.Contains("moment"))
            {
                features |= ConnectionFeatures.Replay;
            }

            return features;
        }
    }

    public HostInfo Host => _hello?.ToHost() ?? new HostInfo(_latest?.Hostname ?? "…", "", _latest?.System.CpuCount ?? 0);

    public Thresholds Thresholds => _thresholds;

    public IReadOnlyDictionary<string, DateTimeOffset> PersistentSince => _persistentSince;

    public TimeSpan LiveInterval => _hello?.LiveInterval() ?? TimeSpan.FromSeconds(2);

    public Snapshot? Latest => _latest;

    /// <summary>The agent's hello, once received.</summary>
    public HelloMessage? Hello => _hello;

    public event EventHandler<Snapshot>? SnapshotReceived;

    public event EventHandler<Alert>? AlertChanged;

    public event EventHandler? StateChanged;

    /// <summary>
    /// The host in one line (any thread): each <c>summary</c> of a relay's summary feed, or, from an agent that sends
    /// only snapshots, the summary of each snapshot.
    /// </summary>
    public event EventHandler<SummaryMessage>? SummaryReceived;

    /// <summary>Why the link is not connected (the last error), or null.</summary>
    public string? Problem
    {
        get
        {
            lock (_stateLock)
            {
                return _problem;
            }
        }
    }

    /// <summary>When <see cref="State"/> last changed (local time).</summary>
    public DateTimeOffset Since
    {
        get
        {
            lock (_stateLock)
            {
                return _since;
            }
        }
    }

    public abstract void Start();

    public async Task<HistoryResult> GetHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        long range = Math.Max(1, (long)query.Span.TotalSeconds);
        Task<Core.Protocol.HistoryResult> system = RequestAsync<Core.Protocol.HistoryResult>(
            id => new HistoryRequest(id, HistoryRequest.SystemScope, null, range, HistoryBuckets), cancellationToken);
        IReadOnlyList<UserPoint> user = query.User is { } name ? await UserHistoryAsync(name, query.Span, cancellationToken) : [];
        return new HistoryResult([.. (await system).Points.Select(p => p.ToSystemPoint())], user);
    }

    public async Task<IReadOnlyList<Alert>> GetAlertsAsync(bool includeResolved, CancellationToken cancellationToken = default)
    {
        AlertsResult result = await RequestAsync<AlertsResult>(id => new AlertsRequest(id, includeResolved, AlertLimit), cancellationToken);
        return [.. result.Alerts.Select(a => a.ToAlert())];
    }

    public async Task<ResolveResult> ResolveAlertAsync(long alertId, string note, string resolvedBy, CancellationToken cancellationToken = default)
    {
        try
        {
            ResolveAlertResult result = await RequestAsync<ResolveAlertResult>(id => new ResolveAlertRequest(id, alertId, note, resolvedBy), cancellationToken);
            Alert alert = result.Alert.ToAlert();
            return new ResolveResult(true, $"alert {alert.Id} resolved by {alert.ResolvedBy}") { Alert = alert };
        }
        catch (AgentErrorException ex)
        {
            return new ResolveResult(false, ex.Message);
        }
    }

    public async Task<RecordedMoment> GetMomentAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        if (!Features.HasFlag(ConnectionFeatures.Replay))
        {
            throw new AgentErrorException(ErrorMessage.UnknownType, "this agent records no moments (it is older than sysmedic's replay)");
        }

        MomentResult result = await RequestAsync<MomentResult>(id => new MomentRequest(id, at), cancellationToken);
        return new RecordedMoment(result.RecordedAt, TimeSpan.FromSeconds(result.WindowSeconds), result.ProcessesTotal, result.Snapshot with { Interval = TimeSpan.FromSeconds(result.WindowSeconds) });
    }

    public async Task<UserDetail> GetUserDetailAsync(string username, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        Task<UserDetailResult> detail = RequestAsync<UserDetailResult>(id => new UserDetailRequest(id, username), cancellationToken);
        IReadOnlyList<UserPoint> history = await UserHistoryAsync(username, ChartWindows.Live, cancellationToken);
        return (await detail).ToUserDetail(history);
    }

    public async Task<ActionResult> SignalAsync(int pid, string signal, CancellationToken cancellationToken = default)
    {
        try
        {
            SignalResult done = await RequestAsync<SignalResult>(id => new SignalRequest(id, pid, signal), cancellationToken);
            return new ActionResult(true, $"sent SIG{done.Signal} to {Describe(done.Pid, done.Name)}");
        }
        catch (AgentErrorException ex)
        {
            return new ActionResult(false, ex.Message);
        }
    }

    public async Task<ActionResult> ReniceAsync(int pid, int nice, CancellationToken cancellationToken = default)
    {
        try
        {
            ReniceResult done = await RequestAsync<ReniceResult>(id => new ReniceRequest(id, pid, nice), cancellationToken);
            return new ActionResult(true, string.Create(CultureInfo.InvariantCulture, $"{Describe(done.Pid, done.Name)} now runs at nice {done.Nice}"));
        }
        catch (AgentErrorException ex)
        {
            return new ActionResult(false, ex.Message);
        }
    }

    /// <summary>Sends <paramref name="build"/>(id) and returns the response with that id; an agent error throws <see cref="AgentErrorException"/>.</summary>
    public async Task<T> RequestAsync<T>(Func<string, RequestMessage> build, CancellationToken cancellationToken = default)
        where T : ResultMessage
    {
        ArgumentNullException.ThrowIfNull(build);
        ProtocolMessage response;
        try
        {
            response = await _pending.RequestAsync(build, SendAsync, RequestTimeout, Time, cancellationToken);
        }
        catch (TimeoutException)
        {
            throw new TimeoutException($"the agent did not answer within {RequestTimeout.TotalSeconds:0} s");
        }

        return response switch
        {
            T result => result,
            ErrorMessage error => throw new AgentErrorException(error.Code, error.Message),
            _ => throw new AgentErrorException(ErrorMessage.BadRequest, $"unexpected answer: {response.GetType().Name}"),
        };
    }

    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Sends one message over the transport; throws <see cref="IOException"/> when the link is down.</summary>
    protected abstract ValueTask SendAsync(ProtocolMessage message, CancellationToken cancellationToken);

    /// <summary>Handles one message from the agent (any thread). Never throws: a bad message is dropped.</summary>
    protected void Receive(ProtocolMessage message)
    {
        switch (message)
        {
            case HelloMessage hello:
                _hello = hello;
                SetState(ConnectionState.Connected, null);
                break;
            case SnapshotMessage snapshot:
                _thresholds = snapshot.Thresholds.ToThresholds();
                _persistentSince = snapshot.PersistentUsers
                    .Where(p => p.Persistent && p.EndTime is null)
                    .GroupBy(p => p.Username, StringComparer.Ordinal)
                    .ToDictionary(g => g.Key, g => g.Min(p => p.StartTime), StringComparer.Ordinal);
                _latest = snapshot.Snapshot;
                bool storageChanged = _storage?.Available != snapshot.Storage?.Available;
                _storage = snapshot.Storage;
                if (State != ConnectionState.Connected)
                {
                    SetState(ConnectionState.Connected, null);
                }
                else if (storageChanged)
                {
                    StateChanged?.Invoke(this, EventArgs.Empty);
                }

                SnapshotReceived?.Invoke(this, snapshot.Snapshot);
                SummaryReceived?.Invoke(this, SummaryMessage.From(snapshot));
                break;
            case SummaryMessage summary:
                bool storageNow = _storage?.Available != (summary.Storage?.Available ?? true);
                _storage = summary.Storage ?? StorageInfo.Ok;
                if (State != ConnectionState.Connected)
                {
                    SetState(ConnectionState.Connected, null);
                }
                else if (storageNow)
                {
                    StateChanged?.Invoke(this, EventArgs.Empty);
                }

                SummaryReceived?.Invoke(this, summary);
                break;
            case AlertMessage alert:
                AlertChanged?.Invoke(this, alert.Alert.ToAlert());
                break;
            case ResultMessage or ErrorMessage:
                _pending.Complete(message);
                break;
            case DoctorUnavailableMessage unavailable:
                SetState(ConnectionState.Reconnecting, "doctor unavailable: " + unavailable.Reason);
                break;
            default:
                break;
        }
    }

    /// <summary>The link dropped: waiting requests fail with <paramref name="reason"/>, the state says so.</summary>
    protected void OnLinkDown(ConnectionState state, string reason)
    {
        _pending.FailAll(new IOException(reason));

        SetState(state, reason);
    }

    /// <summary>Moves to <paramref name="state"/>; the time is kept from when a reconnecting spell began.</summary>
    protected void SetState(ConnectionState state, string? problem)
    {
        lock (_stateLock)
        {
            if (_state == state && _problem == problem)
            {
                return;
            }

            if (_state != state)
            {
                _since = Time.GetLocalNow();
            }

            _state = state;
            _problem = problem;
        }

        StateChanged?.Invoke(this, EventArgs.Empty);
    }

    protected virtual void Dispose(bool disposing)
    {
        _pending.FailAll(new ObjectDisposedException(GetType().Name));
    }

    private static string Describe(int pid, string name) =>
        name.Length == 0 ? pid.ToString(CultureInfo.InvariantCulture) : string.Create(CultureInfo.InvariantCulture, $"{pid} ({name})");

    private async Task<IReadOnlyList<UserPoint>> UserHistoryAsync(string user, TimeSpan span, CancellationToken cancellationToken)
    {
        long range = Math.Max(1, (long)span.TotalSeconds);
        Core.Protocol.HistoryResult result = await RequestAsync<Core.Protocol.HistoryResult>(
            id => new HistoryRequest(id, HistoryRequest.UserScope, user, range, HistoryBuckets), cancellationToken);
        return [.. result.Points.Select(p => p.ToUserPoint())];
    }
}

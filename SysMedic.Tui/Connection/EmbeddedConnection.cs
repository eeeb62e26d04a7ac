using SysMedic.Core.Alerts;
using SysMedic.Core.Formatting;
using SysMedic.Core.Health;
using SysMedic.Core.ProcFs;
using SysMedic.Core.Sampling;

namespace SysMedic.Tui.Connection;

/// <summary>
/// A sampler inside the console, used when no agent answers: a snapshot every <see cref="LiveInterval"/> on a timer
/// of the injected <see cref="TimeProvider"/>, and the last minutes of figures kept in memory for the charts.
/// Stored history and alerts need the agent.
/// </summary>
public sealed class EmbeddedConnection : ISysMedicConnection
{
    /// <summary>The header line for this connection.</summary>
    public const string EmbeddedDescription = "embedded - start the agent with `sysmedic daemon start` for history and alerts";

    private readonly Sampler _sampler;
    private readonly TimeProvider _time;
    private readonly RecentHistory _history;
    private readonly MomentRecorder _moments;
    private readonly Lock _sampleLock = new();
    private readonly string _kernel;
    private ITimer? _timer;
    private volatile Snapshot? _latest;
    private volatile bool _disposed;

    /// <summary>Samples what <paramref name="options"/> points at every <paramref name="interval"/> (default 2 s).</summary>
    public EmbeddedConnection(SamplerOptions options, TimeProvider? time = null, TimeSpan? interval = null, TimeSpan? keep = null)
    {
        _time = time ?? TimeProvider.System;
        _sampler = new Sampler(options, _time);
        LiveInterval = interval ?? TimeSpan.FromSeconds(2);
        TimeSpan kept = keep ?? TimeSpan.FromMinutes(15);
        _history = new RecentHistory(Math.Max(2, (int)(kept / LiveInterval)));
        _moments = new MomentRecorder(MomentInterval, (int)(kept / MomentInterval) + 1);
        _kernel = KernelRelease.Read(options.ProcRoot) ?? "unknown kernel";
        Thresholds = options.Thresholds;
    }

    public ConnectionKind Kind => ConnectionKind.Embedded;

    public ConnectionState State { get; private set; } = ConnectionState.Connecting;

    public string Description => EmbeddedDescription;

    public ConnectionFeatures Features => ConnectionFeatures.RecentHistory | ConnectionFeatures.Replay;

    /// <summary>How much time each moment kept for replay covers (the doctor's default check interval).</summary>
    public static readonly TimeSpan MomentInterval = TimeSpan.FromMinutes(1);

    public HostInfo Host => new(_sampler.Options.Hostname, _kernel, _latest?.System.CpuCount ?? Environment.ProcessorCount);

    public Thresholds Thresholds { get; }

    // The embedded sampler tracks no episodes: that is the doctor's work.
    public IReadOnlyDictionary<string, DateTimeOffset> PersistentSince { get; } = new Dictionary<string, DateTimeOffset>();

    public TimeSpan LiveInterval { get; }

    public Snapshot? Latest => _latest;

    /// <summary>The figures kept for the charts.</summary>
    public RecentHistory History => _history;

    public event EventHandler<Snapshot>? SnapshotReceived;

    public event EventHandler? StateChanged;

    // The embedded sampler raises no alerts: nothing to keep.
    public event EventHandler<Alert>? AlertChanged
    {
        add { }
        remove { }
    }

    /// <summary>How long after <see cref="Start"/> the first snapshot comes.</summary>
    public static readonly TimeSpan FirstSnapshotDelay = TimeSpan.FromMilliseconds(100);

    /// <summary>How many live intervals apart snapshots come while the display is paused (the charts keep filling).</summary>
    public const int PausedIntervals = 5;

    public void Start()
    {
        if (_timer is not null)
        {
            return;
        }

        // The first reading has no rates: take it now, and the second soon after, so the screen is full within a
        // fraction of a second (rates over a short first interval, as top's first screen); then every live interval.
        lock (_sampleLock)
        {
            _ = _sampler.Sample();
        }

        _timer = _time.CreateTimer(_ => Tick(), null, FirstSnapshotDelay, LiveInterval);
    }

    /// <summary>Takes one snapshot now and publishes it; the timer calls this.</summary>
    public void Tick()
    {
        // A slow pass (a huge process table) must not pile up behind itself: skip the tick instead.
        if (_disposed || !_sampleLock.TryEnter())
        {
            return;
        }

        Snapshot snapshot;
        try
        {
            snapshot = _sampler.Sample();
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return;
        }
        finally
        {
            _sampleLock.Exit();
        }

        _latest = snapshot;
        _history.Add(snapshot);
        lock (_moments)
        {
            _moments.Add(snapshot);
        }

        if (State != ConnectionState.Connected)
        {
            State = ConnectionState.Connected;
            StateChanged?.Invoke(this, EventArgs.Empty);
        }

        SnapshotReceived?.Invoke(this, snapshot);
    }

    /// <summary>
    /// While the display is paused, samples every <see cref="PausedIntervals"/> live intervals (reading /proc is most
    /// of an idle console's cost); on resuming, samples at once and then every live interval again.
    /// </summary>
    public void SetDisplayPaused(bool paused)
    {
        if (_timer is null || _disposed)
        {
            return;
        }

        if (paused)
        {
            TimeSpan slow = LiveInterval * PausedIntervals;
            _ = _timer.Change(slow, slow);
            return;
        }

        Tick();
        _ = _timer.Change(LiveInterval, LiveInterval);
    }

    public Task<HistoryResult> GetHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        DateTimeOffset since = _time.GetUtcNow() - query.Span;
        IReadOnlyList<UserPoint> user = query.User is null ? [] : _history.User(query.User, since);
        return Task.FromResult(new HistoryResult(_history.System(since), user));
    }

    public Task<IReadOnlyList<Alert>> GetAlertsAsync(bool includeResolved, CancellationToken cancellationToken = default) =>
        Task.FromException<IReadOnlyList<Alert>>(new AgentRequiredException("Alerts"));

    public Task<ResolveResult> ResolveAlertAsync(long alertId, string note, string resolvedBy, CancellationToken cancellationToken = default) =>
        Task.FromException<ResolveResult>(new AgentRequiredException("Resolving alerts"));

    public Task<RecordedMoment> GetMomentAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        lock (_moments)
        {
            if (_moments.At(at) is { } moment)
            {
                return Task.FromResult(moment);
            }

            string kept = _moments.First is { } first
                ? "the first is " + TimeZoneInfo.ConvertTime(first, TimeZoneInfo.Local).ToString("HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture)
                : "none yet";
            return Task.FromException<RecordedMoment>(new AgentErrorException(
                Core.Protocol.ErrorMessage.NotFound, $"embedded: one a minute for the last {Units.Duration(_moments.CheckInterval * (_moments.Capacity - 1))}, {kept}; anything older " + AgentRequiredException.Hint));
        }
    }

    public Task<UserDetail> GetUserDetailAsync(string username, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(username);
        IReadOnlyList<ProcessUsage> processes = _latest?.Processes.Where(p => p.User == username).ToArray() ?? [];
        DateTimeOffset since = _time.GetUtcNow() - (LiveInterval * _history.Capacity);
        var detail = new UserDetail(
            username,
            Thresholds.For(username),
            Thresholds.PerUser.ContainsKey(username),
            processes,
            _history.User(username, since),
            []);
        return Task.FromResult(detail);
    }

    public void Dispose()
    {
        _disposed = true;
        _timer?.Dispose();
        lock (_sampleLock)
        {
            _sampler.Dispose();
        }
    }
}

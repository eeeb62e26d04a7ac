using SysMedic.Core.Alerts;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;

namespace SysMedic.Tests.Tui;

/// <summary>A connection that shows what the test publishes, on the test's thread.</summary>
internal sealed class FakeConnection(ConnectionFeatures features = ConnectionFeatures.RecentHistory) : ISysMedicConnection
{
    private readonly List<SystemPoint> _history = [];

    public ConnectionKind Kind => ConnectionKind.Embedded;

    public ConnectionState State { get; private set; } = ConnectionState.Connecting;

    public string Description => "fake connection for tests";

    public ConnectionFeatures Features => features;

    public HostInfo Host => new("testhost", "6.1.0-test", 4);

    public Thresholds Thresholds { get; init; } = Thresholds.Default with
    {
        PerUser = new Dictionary<string, UserThreshold> { ["bob"] = new(50, 60) },
    };

    public TimeSpan LiveInterval => TimeSpan.FromSeconds(2);

    public Snapshot? Latest { get; private set; }

    public Dictionary<string, DateTimeOffset> Persistent { get; } = [];

    public IReadOnlyDictionary<string, DateTimeOffset> PersistentSince => Persistent;

    public List<string> DetailRequests { get; } = [];

    public event EventHandler<Snapshot>? SnapshotReceived;

    public event EventHandler? StateChanged;

    public event EventHandler<Alert>? AlertChanged;

    /// <summary>Resolutions asked for: alert id, note, by.</summary>
    public List<(long Id, string Note, string By)> Resolutions { get; } = [];

    /// <summary>When set, the next resolution fails with this message.</summary>
    public string? ResolveError { get; set; }

    public void Start()
    {
    }

    /// <summary>Delivers <paramref name="snapshot"/> as a live connection would.</summary>
    public void Publish(Snapshot snapshot)
    {
        Latest = snapshot;
        SystemUsage s = snapshot.System;
        _history.Add(new SystemPoint(snapshot.Timestamp, s.CpuPercent, s.MemoryPercent, s.DiskPercent, s.NetworkRxBytesPerSec, s.NetworkTxBytesPerSec, s.LoadAvg1));
        if (State != ConnectionState.Connected)
        {
            State = ConnectionState.Connected;
            StateChanged?.Invoke(this, EventArgs.Empty);
        }

        SnapshotReceived?.Invoke(this, snapshot);
    }

    public Task<HistoryResult> GetHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default) =>
        Task.FromResult(new HistoryResult([.. _history], []));

    /// <summary>What <see cref="GetAlertsAsync"/> answers when the connection has the Alerts feature.</summary>
    public List<Alert> Alerts { get; } = [];

    /// <summary>Whether alerts are answered from another thread, as an agent's are, rather than at once.</summary>
    public bool AnswerAlertsLater { get; init; }

    /// <summary>Whether lists are kept, as read when asked, until <see cref="ReleaseAlertAnswers"/>: an agent's answer may arrive after its pushes.</summary>
    public bool HoldAlertAnswers { get; init; }

    private readonly List<Action> _held = [];

    /// <summary>Delivers the lists held so far; returns how many.</summary>
    public int ReleaseAlertAnswers()
    {
        Action[] answers;
        lock (_held)
        {
            answers = [.. _held];
            _held.Clear();
        }

        Array.ForEach(answers, a => a());
        return answers.Length;
    }

    public Task<IReadOnlyList<Alert>> GetAlertsAsync(bool includeResolved, CancellationToken cancellationToken = default)
    {
        if (!features.HasFlag(ConnectionFeatures.Alerts))
        {
            return Task.FromException<IReadOnlyList<Alert>>(new AgentRequiredException("Alerts"));
        }

        IReadOnlyList<Alert> answer = [.. Alerts.Where(a => includeResolved || !a.IsResolved)];
        if (HoldAlertAnswers)
        {
            var held = new TaskCompletionSource<IReadOnlyList<Alert>>(TaskCreationOptions.RunContinuationsAsynchronously);
            lock (_held)
            {
                _held.Add(() => held.TrySetResult(answer));
            }

            return held.Task;
        }

        return AnswerAlertsLater
            ? Task.Run(async () => { await Task.Delay(20, cancellationToken); return answer; }, cancellationToken)
            : Task.FromResult(answer);
    }

    public Task<ResolveResult> ResolveAlertAsync(long alertId, string note, string resolvedBy, CancellationToken cancellationToken = default)
    {
        if (!features.HasFlag(ConnectionFeatures.Alerts))
        {
            return Task.FromException<ResolveResult>(new AgentRequiredException("Resolving alerts"));
        }

        Resolutions.Add((alertId, note, resolvedBy));
        if (ResolveError is { } error)
        {
            ResolveError = null;
            return Task.FromResult(new ResolveResult(false, error));
        }

        int index = Alerts.FindIndex(a => a.Id == alertId);
        Alert resolved = Alerts[index] with { ResolvedAt = Latest?.Timestamp ?? DateTimeOffset.UtcNow, ResolvedBy = resolvedBy, ResolutionNote = note };
        Alerts[index] = resolved;
        AlertChanged?.Invoke(this, resolved);
        return Task.FromResult(new ResolveResult(true, $"alert {alertId} resolved by {resolvedBy}") { Alert = resolved });
    }

    /// <summary>Pushes an alert as an agent does when one is raised or resolved.</summary>
    public void PushAlert(Alert alert)
    {
        int index = Alerts.FindIndex(a => a.Id == alert.Id);
        if (index >= 0)
        {
            Alerts[index] = alert;
        }
        else
        {
            Alerts.Add(alert);
        }

        AlertChanged?.Invoke(this, alert);
    }

    public Task<UserDetail> GetUserDetailAsync(string username, CancellationToken cancellationToken = default)
    {
        DetailRequests.Add(username);
        ProcessUsage[] processes = Latest?.Processes.Where(p => p.User == username).ToArray() ?? [];
        UserPoint[] history = Latest is null ? [] : [new UserPoint(Latest.Timestamp, 40, 20)];
        return Task.FromResult(new UserDetail(username, Thresholds.For(username), Thresholds.PerUser.ContainsKey(username), processes, history, []));
    }

    /// <summary>The moments <see cref="GetMomentAsync"/> answers from, oldest first.</summary>
    public List<RecordedMoment> Moments { get; } = [];

    /// <summary>The times <see cref="GetMomentAsync"/> was asked for.</summary>
    public List<DateTimeOffset> MomentRequests { get; } = [];

    public Task<RecordedMoment> GetMomentAsync(DateTimeOffset at, CancellationToken cancellationToken = default)
    {
        MomentRequests.Add(at);
        return Moments.LastOrDefault(m => m.At <= at) is { } moment
            ? Task.FromResult(moment)
            : Task.FromException<RecordedMoment>(new AgentErrorException("not_found", "nothing was recorded that early"));
    }

    public void Dispose()
    {
    }
}

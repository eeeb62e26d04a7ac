using SysMedic.Core.Alerts;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Tui.Connection;

/// <summary>
/// The one source the console's screens read from. Embedded, local and remote connections look the same to a view.
/// Events may be raised on any thread: a view hands them to the UI thread with <c>IApplication.Invoke</c>.
/// </summary>
public interface ISysMedicConnection : IDisposable
{
    /// <summary>Embedded sampler, local agent or remote agent.</summary>
    ConnectionKind Kind { get; }

    /// <summary>Whether live data is arriving.</summary>
    ConnectionState State { get; }

    /// <summary>One line for the header: where the data comes from and what is missing.</summary>
    string Description { get; }

    /// <summary>What the connection can answer besides live snapshots.</summary>
    ConnectionFeatures Features { get; }

    /// <summary>The monitored host.</summary>
    HostInfo Host { get; }

    /// <summary>The thresholds the status and the chart lines use.</summary>
    Thresholds Thresholds { get; }

    /// <summary>How often a new snapshot arrives.</summary>
    TimeSpan LiveInterval { get; }

    /// <summary>Users persistently over a threshold now, and since when: from an agent's snapshots; empty otherwise.</summary>
    IReadOnlyDictionary<string, DateTimeOffset> PersistentSince { get; }

    /// <summary>The newest snapshot, or null before the first one.</summary>
    Snapshot? Latest { get; }

    /// <summary>A new snapshot arrived (any thread).</summary>
    event EventHandler<Snapshot>? SnapshotReceived;

    /// <summary>An alert was raised or resolved (any thread); connections without alerts never raise it.</summary>
    event EventHandler<Alert>? AlertChanged;

    /// <summary><see cref="State"/> or <see cref="Description"/> changed (any thread).</summary>
    event EventHandler? StateChanged;

    /// <summary>Starts receiving snapshots; calling it twice does nothing.</summary>
    void Start();

    /// <summary>System figures (and one user's, when asked) over the span back from now, oldest first.</summary>
    Task<HistoryResult> GetHistoryAsync(HistoryQuery query, CancellationToken cancellationToken = default);

    /// <summary>The alerts, unresolved first; resolved ones too when asked.</summary>
    Task<IReadOnlyList<Alert>> GetAlertsAsync(bool includeResolved, CancellationToken cancellationToken = default);

    /// <summary>Marks an alert resolved with a note and who resolved it.</summary>
    Task<ResolveResult> ResolveAlertAsync(long alertId, string note, string resolvedBy, CancellationToken cancellationToken = default);

    /// <summary>
    /// The moment recorded at or before <paramref name="at"/>: the check's figures, its users and the processes that
    /// explain it. Throws <see cref="AgentErrorException"/> (code <c>not_found</c>) when nothing is recorded that early.
    /// </summary>
    Task<RecordedMoment> GetMomentAsync(DateTimeOffset at, CancellationToken cancellationToken = default);

    /// <summary>One user's processes, recent figures, persistent episodes and thresholds.</summary>
    Task<UserDetail> GetUserDetailAsync(string username, CancellationToken cancellationToken = default);

    /// <summary>
    /// The console paused its display (<c>p</c>) or resumed it. A connection that samples by itself may sample less
    /// often meanwhile, and samples at once on resuming; an agent's connection has nothing to change.
    /// </summary>
    void SetDisplayPaused(bool paused)
    {
    }
}

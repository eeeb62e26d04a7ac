namespace SysMedic.Core.Sampling;

/// <summary>
/// Keeps the recent past in memory as the doctor keeps it on disk: every <see cref="CheckInterval"/> of snapshots
/// becomes a <see cref="RecordedMoment"/> (the window's figures, its users and the processes that explain it), and
/// the last <see cref="Capacity"/> of them are kept. For a console that samples by itself. Not thread-safe.
/// </summary>
public sealed class MomentRecorder(TimeSpan checkInterval, int capacity, int perMetric = 20)
{
    private readonly CheckWindow _window = new();
    private readonly ProcessWindow _processes = new();
    private readonly List<RecordedMoment> _moments = [];
    private DateTimeOffset? _windowStart;

    /// <summary>How much time each moment covers.</summary>
    public TimeSpan CheckInterval { get; } = checkInterval;

    /// <summary>How many moments are kept.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>The first moment kept, or null.</summary>
    public DateTimeOffset? First => _moments.Count == 0 ? null : _moments[0].At;

    /// <summary>Adds a live snapshot; closes a moment when the check interval is over.</summary>
    public void Add(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _windowStart ??= snapshot.Timestamp - snapshot.Interval;
        _window.Add(snapshot);
        _processes.Add(snapshot);
        if (snapshot.Timestamp - _windowStart.Value < CheckInterval)
        {
            return;
        }

        WindowSummary summary = _window.Close(UserFilter.None)!;
        _windowStart = null;
        IReadOnlyList<RecordedProcess> recorded = _processes.Close(summary, perMetric, _ => false);
        _moments.Add(ToMoment(summary, recorded));
        if (_moments.Count > Capacity)
        {
            _moments.RemoveAt(0);
        }
    }

    /// <summary>The moment kept at or before <paramref name="at"/>, or null.</summary>
    public RecordedMoment? At(DateTimeOffset at)
    {
        for (int i = _moments.Count - 1; i >= 0; i--)
        {
            if (_moments[i].At <= at)
            {
                return _moments[i];
            }
        }

        return null;
    }

    /// <summary>A check window and the processes recorded for it, as a snapshot of that moment.</summary>
    public static RecordedMoment ToMoment(WindowSummary summary, IReadOnlyList<RecordedProcess> recorded)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(recorded);
        SystemUsage last = summary.Last.System;
        SystemWindow w = summary.System;
        var system = last with
        {
            CpuPercent = w.CpuPercent.Average,
            MemoryPercent = w.MemoryPercent.Average,
            NetworkRxBytesPerSec = w.NetworkRxBytesPerSec,
            NetworkTxBytesPerSec = w.NetworkTxBytesPerSec,
        };
        var users = summary.Users
            .Select(u => new UserUsage(u.Username, u.Uid, u.CpuPercent.Average, u.MemoryPercent.Average, u.RssBytes, u.ProcessCount, u.Pids) { CpuSeconds = u.CpuSeconds, CpuFromSlice = u.CpuFromSlice })
            .ToList();
        TimeSpan window = summary.End - summary.Start;
        var snapshot = new Snapshot(summary.End, summary.Last.Hostname, summary.Last.Status, system, users, [.. recorded.Select(r => r.Process)]) { Interval = window };
        return new RecordedMoment(summary.End, window, summary.Last.Processes.Count, snapshot);
    }
}

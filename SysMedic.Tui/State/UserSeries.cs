using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;

namespace SysMedic.Tui.State;

/// <summary>
/// One user's CPU and memory for the drill-down's charts: the history an agent stored, then a point per live snapshot.
/// A live snapshot always counts, even when a stored point carries a later time (an agent's bucket may be stamped
/// ahead of the live feed): stored points from its time on give way to it. Points older than the window go.
/// </summary>
public sealed class UserSeries(string username, TimeSpan window)
{
    private readonly List<UserPoint> _points = [];
    private DateTimeOffset _lastLive = DateTimeOffset.MinValue;

    /// <summary>The points, oldest first.</summary>
    public IReadOnlyList<UserPoint> Points => _points;

    /// <summary>The user's figures in the newest live snapshot, or the newest stored point before any.</summary>
    public UserPoint? Latest => _points.Count > 0 ? _points[^1] : null;

    /// <summary>Puts the stored history (oldest first) before the live points.</summary>
    public void Seed(IReadOnlyList<UserPoint> stored)
    {
        ArgumentNullException.ThrowIfNull(stored);
        DateTimeOffset firstLive = _points.Where(p => p.Timestamp >= _lastLive).Select(p => p.Timestamp).DefaultIfEmpty(DateTimeOffset.MaxValue).Min();
        var live = _lastLive == DateTimeOffset.MinValue ? [] : _points.Where(p => p.Timestamp >= firstLive).ToList();
        _points.Clear();
        _points.AddRange(stored.Where(p => p.Timestamp < firstLive));
        _points.AddRange(live);
    }

    /// <summary>Adds the user's figures of <paramref name="snapshot"/>; false when it is not newer than the last live one.</summary>
    public bool Add(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        if (snapshot.Timestamp <= _lastLive)
        {
            return false;
        }

        _lastLive = snapshot.Timestamp;
        UserUsage? user = snapshot.Users.FirstOrDefault(u => u.Username == username);

        // A user under the filtering thresholds is not in the users list: their figures are 0 then.
        var point = new UserPoint(snapshot.Timestamp, user?.CpuPercent ?? 0, user?.MemoryPercent ?? 0);
        _ = _points.RemoveAll(p => p.Timestamp >= snapshot.Timestamp);
        _points.Add(point);
        DateTimeOffset oldest = snapshot.Timestamp - window;
        _ = _points.RemoveAll(p => p.Timestamp < oldest);
        return true;
    }
}

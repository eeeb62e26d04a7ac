using SysMedic.Core.Sampling;

namespace SysMedic.Tui.Connection;

/// <summary>
/// The system and per-user figures of the last snapshots, bounded: at most <see cref="Capacity"/> points each, and
/// users not seen for that many snapshots are dropped. Thread-safe.
/// </summary>
public sealed class RecentHistory(int capacity)
{
    private readonly Lock _lock = new();
    private readonly Queue<SystemPoint> _system = new(capacity);
    private readonly Dictionary<string, Queue<UserPoint>> _users = new(StringComparer.Ordinal);

    /// <summary>Points kept per series.</summary>
    public int Capacity { get; } = capacity;

    /// <summary>Users with points kept now.</summary>
    public int UserCount
    {
        get
        {
            lock (_lock)
            {
                return _users.Count;
            }
        }
    }

    /// <summary>Adds the figures of <paramref name="snapshot"/>.</summary>
    public void Add(Snapshot snapshot)
    {
        SystemUsage s = snapshot.System;
        var point = new SystemPoint(snapshot.Timestamp, s.CpuPercent, s.MemoryPercent, s.DiskPercent, s.NetworkRxBytesPerSec, s.NetworkTxBytesPerSec, s.LoadAvg1);
        lock (_lock)
        {
            Push(_system, point);
            foreach (UserUsage u in snapshot.Users)
            {
                if (!_users.TryGetValue(u.Username, out Queue<UserPoint>? series))
                {
                    series = new Queue<UserPoint>();
                    _users[u.Username] = series;
                }

                Push(series, new UserPoint(snapshot.Timestamp, u.CpuPercent, u.MemoryPercent));
            }

            DropUsersNotSeenSince(_system.Peek().Timestamp);
        }
    }

    /// <summary>System points newer than <paramref name="since"/>, oldest first.</summary>
    public IReadOnlyList<SystemPoint> System(DateTimeOffset since)
    {
        lock (_lock)
        {
            return _system.Where(p => p.Timestamp >= since).ToArray();
        }
    }

    /// <summary>One user's points newer than <paramref name="since"/>, oldest first; empty for an unknown user.</summary>
    public IReadOnlyList<UserPoint> User(string username, DateTimeOffset since)
    {
        lock (_lock)
        {
            return _users.TryGetValue(username, out Queue<UserPoint>? series)
                ? series.Where(p => p.Timestamp >= since).ToArray()
                : [];
        }
    }

    private void Push<T>(Queue<T> queue, T item)
    {
        if (queue.Count == Capacity)
        {
            _ = queue.Dequeue();
        }

        queue.Enqueue(item);
    }

    private void DropUsersNotSeenSince(DateTimeOffset oldest)
    {
        List<string>? stale = null;
        foreach ((string name, Queue<UserPoint> series) in _users)
        {
            while (series.Count > 0 && series.Peek().Timestamp < oldest)
            {
                _ = series.Dequeue();
            }

            if (series.Count == 0)
            {
                (stale ??= []).Add(name);
            }
        }

        stale?.ForEach(name => _users.Remove(name));
    }
}

namespace SysMedic.Core.Sampling;

/// <summary>
/// Gathers the live snapshots between two checks and sums them into a <see cref="WindowSummary"/>. Users are summed
/// over every user of each snapshot (before the filtering rules), and the filtering rules are applied to the window's
/// averages, so a user who dips under the listing minimum for a moment still counts in full. CPU seconds, disk bytes
/// and pressure are summed over the snapshots' intervals, which tile the window: they are exact for it.
/// </summary>
public sealed class CheckWindow
{
    private readonly Dictionary<uint, UserSums> _users = [];
    private Snapshot? _last;
    private DateTimeOffset _start;
    private int _count;
    private double _cpuSum, _cpuPeak, _memSum, _memPeak, _rxSum, _txSum;
    private double _seconds, _capacity;
    private long _started;
    private PressureSums? _pressure;

    /// <summary>Snapshots added since the last <see cref="Close"/>.</summary>
    public int Count => _count;

    /// <summary>Adds one live snapshot.</summary>
    public void Add(Snapshot snapshot)
    {
        if (_count == 0)
        {
            _start = snapshot.Timestamp - snapshot.Interval;
        }

        _count++;
        _last = snapshot;
        SystemUsage s = snapshot.System;
        _cpuSum += s.CpuPercent;
        _cpuPeak = Math.Max(_cpuPeak, s.CpuPercent);
        _memSum += s.MemoryPercent;
        _memPeak = Math.Max(_memPeak, s.MemoryPercent);
        _rxSum += s.NetworkRxBytesPerSec;
        _txSum += s.NetworkTxBytesPerSec;
        double seconds = snapshot.Interval.TotalSeconds;
        _seconds += seconds;
        _capacity += seconds * s.CpuCount;
        _started += s.ProcessesStarted;
        if (s.Pressure is { } pressure)
        {
            (_pressure ??= new PressureSums()).Add(pressure, seconds);
        }

        // Snapshots made by hand (tests, older code paths) carry no unfiltered list: their processes are summed.
        AddUsers(snapshot.AllUsers.Count > 0 || snapshot.Processes.Count == 0 ? snapshot.AllUsers : UserAggregator.Aggregate(snapshot.Processes, UserFilter.None));
    }

    /// <summary>The summary of the window so far, filtered by <paramref name="filter"/>; the window then starts anew. Null when empty.</summary>
    public WindowSummary? Close(UserFilter filter)
    {
        if (_count == 0 || _last is null)
        {
            return null;
        }

        SystemUsage last = _last.System;
        var system = new SystemWindow(
            new MetricWindow(_cpuSum / _count, _cpuPeak),
            new MetricWindow(_memSum / _count, _memPeak),
            last.DiskPercent,
            _rxSum / _count,
            _txSum / _count,
            last.LoadAvg1,
            last.LoadAvg5,
            last.LoadAvg15,
            last.UptimeSeconds)
        {
            Seconds = _seconds,
            CpuCapacitySeconds = _capacity,
            ProcessesStarted = _started,
            Pressure = _pressure?.ToWindow(),
        };

        var users = new List<UserWindow>();
        var accounted = new List<UserWindow>();
        foreach (var (uid, u) in _users)
        {
            UserWindow window = u.ToWindow(uid, _count);
            bool listed = filter.Includes(uid, u.Name, window.CpuPercent.Average, window.MemoryPercent.Average);
            if (listed)
            {
                users.Add(window);
            }

            if (listed || (filter.Counts(uid, u.Name) && window.UsedAnything))
            {
                accounted.Add(window);
            }
        }

        users.Sort(static (a, b) => b.CpuPercent.Average.CompareTo(a.CpuPercent.Average));
        accounted.Sort(static (a, b) => b.CpuSeconds.CompareTo(a.CpuSeconds));
        var summary = new WindowSummary(_start, _last.Timestamp, _count, system, users, _last) { Accounted = accounted };
        Reset();
        return summary;
    }

    private void AddUsers(IReadOnlyList<UserUsage> users)
    {
        foreach (UserUsage user in users)
        {
            if (!_users.TryGetValue(user.Uid, out UserSums? u))
            {
                u = new UserSums(user.Username);
                _users[user.Uid] = u;
            }

            u.Add(user, _count);
        }
    }

    private void Reset()
    {
        _users.Clear();
        _last = null;
        _count = 0;
        _cpuSum = _cpuPeak = _memSum = _memPeak = _rxSum = _txSum = 0;
        _seconds = _capacity = 0;
        _started = 0;
        _pressure = null;
    }

    private sealed class UserSums(string name)
    {
        public string Name { get; } = name;

        public int LastSeen { get; private set; }

        public double CpuSum { get; private set; }

        public double CpuPeak { get; private set; }

        public double MemSum { get; private set; }

        public double MemPeak { get; private set; }

        public long Rss { get; private set; }

        public List<int> Pids { get; } = [];

        public double CpuSeconds { get; private set; }

        public double ExitedCpuSeconds { get; private set; }

        public long DiskReadBytes { get; private set; }

        public long DiskWriteBytes { get; private set; }

        public int NewProcesses { get; private set; }

        public bool CpuFromSlice { get; private set; }

        /// <summary>Adds the user's figures of snapshot number <paramref name="index"/> (1-based).</summary>
        public void Add(UserUsage user, int index)
        {
            LastSeen = index;
            CpuSum += user.CpuPercent;
            MemSum += user.MemoryPercent;
            CpuPeak = Math.Max(CpuPeak, user.CpuPercent);
            MemPeak = Math.Max(MemPeak, user.MemoryPercent);
            Rss = user.RssBytes;
            Pids.Clear();
            Pids.AddRange(user.Pids);
            CpuSeconds += user.CpuSeconds;
            ExitedCpuSeconds += user.ExitedCpuSeconds;
            DiskReadBytes += user.DiskReadBytes;
            DiskWriteBytes += user.DiskWriteBytes;
            NewProcesses += user.NewProcesses;
            CpuFromSlice |= user.CpuFromSlice;
        }

        public UserWindow ToWindow(uint uid, int count)
        {
            // RSS, processes and pids are those of the last snapshot: none when the user had nothing running then.
            bool present = LastSeen == count;
            return new UserWindow(Name, uid, new MetricWindow(CpuSum / count, CpuPeak), new MetricWindow(MemSum / count, MemPeak), present ? Rss : 0, present ? Pids.Count : 0, present ? [.. Pids] : [])
            {
                CpuSeconds = CpuSeconds,
                ExitedCpuSeconds = ExitedCpuSeconds,
                DiskReadBytes = DiskReadBytes,
                DiskWriteBytes = DiskWriteBytes,
                NewProcesses = NewProcesses,
                CpuFromSlice = CpuFromSlice,
            };
        }
    }
}

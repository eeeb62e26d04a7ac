namespace SysMedic.Core.Sampling;

/// <summary>
/// Gathers the live snapshots between two checks and sums them into a <see cref="WindowSummary"/>. Users are summed
/// from the process list (all users), and the filtering rules are applied to the window's averages, so a user who
/// dips under the listing minimum for a moment still counts in full.
/// </summary>
public sealed class CheckWindow
{
    private readonly Dictionary<uint, UserSums> _users = [];
    private Snapshot? _last;
    private DateTimeOffset _start;
    private int _count;
    private double _cpuSum, _cpuPeak, _memSum, _memPeak, _rxSum, _txSum;

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
        AddUsers(snapshot.Processes);
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
            last.UptimeSeconds);

        var users = new List<UserWindow>();
        foreach (var (uid, u) in _users)
        {
            var cpu = new MetricWindow(u.CpuSum / _count, u.CpuPeak);
            var mem = new MetricWindow(u.MemSum / _count, u.MemPeak);
            if (filter.Includes(uid, u.Name, cpu.Average, mem.Average))
            {
                bool present = u.LastSeen == _count;
                users.Add(new UserWindow(u.Name, uid, cpu, mem, present ? u.Rss : 0, present ? u.Pids.Count : 0, present ? [.. u.Pids] : []));
            }
        }

        users.Sort(static (a, b) => b.CpuPercent.Average.CompareTo(a.CpuPercent.Average));
        var summary = new WindowSummary(_start, _last.Timestamp, _count, system, users, _last);
        Reset();
        return summary;
    }

    private void AddUsers(IReadOnlyList<ProcessUsage> processes)
    {
        foreach (ProcessUsage p in processes)
        {
            if (!_users.TryGetValue(p.Uid, out UserSums? u))
            {
                u = new UserSums(p.User);
                _users[p.Uid] = u;
            }

            if (u.LastSeen != _count)
            {
                u.StartSample(_count);
            }

            u.SampleCpu += p.CpuPercent;
            u.SampleMem += p.MemoryPercent;
            u.Rss += p.RssBytes;
            u.Pids.Add(p.Pid);
        }

        foreach (UserSums u in _users.Values)
        {
            if (u.LastSeen == _count)
            {
                u.EndSample();
            }
        }
    }

    private void Reset()
    {
        _users.Clear();
        _last = null;
        _count = 0;
        _cpuSum = _cpuPeak = _memSum = _memPeak = _rxSum = _txSum = 0;
    }

    private sealed class UserSums(string name)
    {
        public string Name { get; } = name;

        public int LastSeen { get; private set; }

        public double CpuSum { get; private set; }

        public double CpuPeak { get; private set; }

        public double MemSum { get; private set; }

        public double MemPeak { get; private set; }

        public double SampleCpu { get; set; }

        public double SampleMem { get; set; }

        public long Rss { get; set; }

        public List<int> Pids { get; } = [];

        public void StartSample(int index)
        {
            LastSeen = index;
            SampleCpu = SampleMem = 0;
            Rss = 0;
            Pids.Clear();
        }

        public void EndSample()
        {
            CpuSum += SampleCpu;
            MemSum += SampleMem;
            CpuPeak = Math.Max(CpuPeak, SampleCpu);
            MemPeak = Math.Max(MemPeak, SampleMem);
        }
    }
}

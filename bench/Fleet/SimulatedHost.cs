using SysMedic.Core.Health;
using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;

namespace SysMedic.Bench.Fleet;

/// <summary>
/// One host of the simulated fleet as its relay shows it: a name (<c>sim042</c>), a hello, and every interval a
/// snapshot built from its walk (users, the busiest processes, interfaces, pressure), from which the summary is
/// derived by the product's own <see cref="SummaryMessage.From"/>. It answers <c>alerts</c>, <c>resolve_alert</c>
/// and <c>history</c>.
/// </summary>
public sealed class SimulatedHost
{
    /// <summary>What the simulated relay's hello lists: a relay's, without actions.</summary>
    public static readonly IReadOnlyList<string> Capabilities = ["history", "alerts", "resolve_alert", "user_detail", "config", "moment", "summary"];

    private static readonly string[] UserPool =
    [
        "alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "mallory", "niaj", "oscar",
        "peggy", "rupert", "sybil", "trent", "victor", "walter", "yusuf",
    ];

    private static readonly Thresholds HostThresholds = new() { DefaultUser = new UserThreshold(50, 50) };

    private readonly Lock _lock = new();
    private readonly HostWalk _walk;
    private readonly string[] _users;
    private readonly IReadOnlyList<SimulatedProcess> _processes;
    private readonly DateTimeOffset _bootedAt;
    private readonly IReadOnlyList<PersistentUserInfo> _persistent;
    private readonly Dictionary<int, double> _cpuWeightSums;
    private readonly Dictionary<int, int> _owned;
    private double _rxBytes;
    private double _txBytes;

    /// <summary>Host number <paramref name="index"/> of the fleet, its walk seeded from <paramref name="seed"/>.</summary>
    public SimulatedHost(int index, bool heavy, int processes, int seed, DateTimeOffset start)
    {
        Index = index;
        Heavy = heavy;
        Name = $"sim{index:000}";
        var random = new Random(seed);
        CpuCount = 4 << random.Next(4);
        MemoryTotalBytes = CpuCount * 4L * 1024 * 1024 * 1024;
        _users = [.. UserPool.OrderBy(_ => random.Next()).Take(3 + random.Next(8))];
        _walk = new HostWalk(seed * 7919, heavy, _users.Length);
        _processes = SimulatedProcess.For(_users, processes, random);
        _cpuWeightSums = _processes.GroupBy(p => p.Owner).ToDictionary(g => g.Key, g => g.Sum(p => p.CpuWeight) + 1e-9);
        _owned = _processes.GroupBy(p => p.Owner).ToDictionary(g => g.Key, g => g.Count());
        _bootedAt = start.AddDays(-3 - random.Next(60));
        _rxBytes = random.NextDouble() * 1e12;
        _txBytes = random.NextDouble() * 1e11;
        _persistent = heavy
            ? [new PersistentUserInfo(_users[0], "cpu", start.AddMinutes(-42), null, 71.5, 63.25, 1260, true)]
            : [];
        Alerts = new HostAlerts(index, heavy, _users[0], start);
    }

    /// <summary>Its place in the fleet: it listens on the base port plus this.</summary>
    public int Index { get; }

    /// <summary>The host name its hello and snapshots carry.</summary>
    public string Name { get; }

    /// <summary>Heavy throughout, with a persistent user and unresolved alerts.</summary>
    public bool Heavy { get; }

    /// <summary>Its cores.</summary>
    public int CpuCount { get; }

    /// <summary>Its RAM, in bytes.</summary>
    public long MemoryTotalBytes { get; }

    /// <summary>Its alerts.</summary>
    public HostAlerts Alerts { get; }

    /// <summary>The hello its relay sends first.</summary>
    public HelloMessage Hello(double intervalSeconds) =>
        new(ProtocolMessage.Version, "relay", Name, "0.1.0", "6.1.0-28-amd64", CpuCount, MemoryTotalBytes, intervalSeconds, Capabilities);

    /// <summary>One interval later.</summary>
    public void Step(double intervalSeconds)
    {
        lock (_lock)
        {
            _walk.Step(CpuCount);
            _rxBytes += intervalSeconds * 2e5 * (1 + _walk.Uniform());
            _txBytes += intervalSeconds * 4e4 * (1 + _walk.Uniform());
        }
    }

    /// <summary>The host now, with its busiest processes when <paramref name="withProcesses"/> (a summary needs none).</summary>
    public SnapshotMessage Snapshot(DateTimeOffset now, double intervalSeconds, bool withProcesses)
    {
        lock (_lock)
        {
            var users = new List<UserUsage>(_users.Length);
            for (int i = 0; i < _users.Length; i++)
            {
                double cpu = _walk.CpuPercent * _walk.UserShares[i];
                double memory = _walk.MemoryPercent * _walk.UserMemoryShares[i];
                users.Add(new UserUsage(_users[i], (uint)(1000 + i), Math.Round(cpu, 2), Math.Round(memory, 2), (long)(memory / 100 * MemoryTotalBytes), Owned(i), [.. Pids(i)])
                {
                    CpuSeconds = Math.Round(cpu / 100 * CpuCount * intervalSeconds, 3),
                    CpuFromSlice = true,
                    DiskReadBytesPerSec = Math.Round(cpu * 1e4),
                    DiskWriteBytesPerSec = Math.Round(cpu * 3e3),
                });
            }

            users.Sort((a, b) => b.CpuPercent.CompareTo(a.CpuPercent));
            SystemUsage system = System(intervalSeconds);
            var snapshot = new Snapshot(now, Name, StatusClassifier.Classify(system, users, HostThresholds, _persistent.Count), system, users, withProcesses ? Processes() : [])
            {
                Interfaces =
                [
                    new InterfaceUsage("lo", 1200, 1200, true) { RxBytes = 88_000_000, TxBytes = 88_000_000 },
                    new InterfaceUsage("eth0", Math.Round(2e5 * (1 + _walk.Uniform())), Math.Round(4e4 * (1 + _walk.Uniform())), false) { RxBytes = (ulong)_rxBytes, TxBytes = (ulong)_txBytes },
                ],
                Totals = new UsageTotals(_bootedAt, [.. users.Select(u => new UserTotal(u.Username, u.Uid, Math.Round(u.CpuPercent * 3600, 2), 1L << 30, 1L << 28))]),
            };
            var thresholds = new ThresholdsInfo(80, 80, 50, 50, new Dictionary<string, UserThresholdInfo>());
            return new SnapshotMessage(snapshot, _persistent, Alerts.Unresolved, thresholds)
            {
                SentAt = now,
                ProcessesTotal = withProcesses ? _processes.Count + 80 : null,
            };
        }
    }

    /// <summary>The summary feed's message now, derived from the snapshot as the relay derives it.</summary>
    public SummaryMessage Summary(DateTimeOffset now, double intervalSeconds) =>
        SummaryMessage.From(Snapshot(now, intervalSeconds, withProcesses: false)) with { SentAt = now };

    /// <summary>
    /// History points for a chart: the host's level with slow waves, <paramref name="buckets"/> (1 to 2000) over the
    /// last <paramref name="rangeSeconds"/>.
    /// </summary>
    public HistoryResult History(HistoryRequest request, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(request);
        int buckets = Math.Clamp(request.Buckets, 1, 2000);
        double range = Math.Clamp(request.RangeSeconds, 60, 90L * 24 * 3600);
        bool system = request.Scope == HistoryRequest.SystemScope;
        double level;
        lock (_lock)
        {
            level = system ? _walk.CpuPercent : _walk.CpuPercent * _walk.UserShares[0];
        }

        var points = new List<HistoryPoint>(buckets);
        for (int i = 0; i < buckets; i++)
        {
            DateTimeOffset at = now.AddSeconds(-range + ((i + 0.5) * range / buckets));
            double phase = (at.ToUnixTimeSeconds() / 3600.0) + Index;
            double cpu = Math.Clamp(level * (0.8 + (0.2 * Math.Sin(phase))), 0, 100);
            double memory = Math.Clamp(40 + (10 * Math.Cos(phase / 3)), 0, 100);
            points.Add(system
                ? new HistoryPoint(at, Math.Round(cpu, 2), Math.Round(Math.Min(100, cpu * 1.2), 2), Math.Round(memory, 2), Math.Round(memory + 2, 2), 61.5, 2e5, 4e4, Math.Round(cpu / 100 * CpuCount, 2))
                : new HistoryPoint(at, Math.Round(cpu, 2), Math.Round(Math.Min(100, cpu * 1.2), 2), Math.Round(memory / 4, 2), Math.Round((memory / 4) + 1, 2)));
        }

        return new HistoryResult(request.Id, request.Scope, request.User, points);
    }

    private SystemUsage System(double intervalSeconds)
    {
        double cpu = Math.Round(_walk.CpuPercent, 2);
        double memory = Math.Round(_walk.MemoryPercent, 2);
        var pressure = new PressureUsage(cpu / 20, cpu / 25, cpu / 30, cpu / 20, 1e4, 0, 0, 0, 0, 1e3);
        return new SystemUsage(
            cpu, memory, (long)(memory / 100 * MemoryTotalBytes), MemoryTotalBytes, 61.5, 2e5, 4e4,
            Math.Round(_walk.Load1, 2), Math.Round(_walk.Load5, 2), Math.Round(_walk.Load15, 2), 3 * 86400 + (_walk.Steps * intervalSeconds), CpuCount)
        {
            DiskUsedBytes = 615L << 30,
            DiskTotalBytes = 1000L << 30,
            SwapUsedBytes = 0,
            SwapTotalBytes = 8L << 30,
            ProcsRunning = 1 + (int)(_walk.Load1 + 0.5),
            CpuPerCorePercent = [.. Enumerable.Range(0, CpuCount).Select(c => Math.Round(Math.Clamp(cpu * (0.6 + (0.8 * ((c * 37 % 11) / 10.0))), 0, 100), 1))],
            ProcessesStarted = 20 + (long)(cpu / 2),
            Pressure = new ResourcePressure(pressure, pressure with { SomePercent = 0.5 }, pressure with { SomePercent = 1.5 }),
        };
    }

    private int Owned(int user) => _owned.GetValueOrDefault(user);

    private IEnumerable<int> Pids(int user) => _processes.Where(p => p.Owner == user).Select(p => p.Pid);

    private List<ProcessUsage> Processes()
    {
        var processes = new List<ProcessUsage>(_processes.Count);
        foreach (SimulatedProcess p in _processes)
        {
            double weightSum = _cpuWeightSums[p.Owner];
            double userCpu = p.Owner < 0 ? _walk.CpuPercent * 0.1 : _walk.CpuPercent * _walk.UserShares[p.Owner];
            double cpu = Math.Round(userCpu * p.CpuWeight / weightSum, 2);
            double memory = Math.Round((p.Owner < 0 ? 0.5 : _walk.MemoryPercent * _walk.UserMemoryShares[p.Owner] / Math.Max(1, Owned(p.Owner))) * (0.5 + p.MemoryWeight), 2);
            string user = p.Owner < 0 ? "root" : _users[p.Owner];
            processes.Add(new ProcessUsage(p.Pid, p.Ppid, p.Owner < 0 ? 0u : (uint)(1000 + p.Owner), user, p.Name, cpu > 1 ? 'R' : 'S', cpu, memory, (long)(memory / 100 * MemoryTotalBytes), p.Threads, p.Cmdline)
            {
                Nice = p.Nice,
                Priority = 20 + p.Nice,
                VirtualBytes = (long)(memory / 100 * MemoryTotalBytes * 3) + (200L << 20),
                CpuTimeSeconds = Math.Round(p.CpuWeight * 86400 + (_walk.Steps * cpu / 100), 2),
                DiskReadBytesPerSec = Math.Round(cpu * 1e3),
                DiskWriteBytesPerSec = Math.Round(cpu * 3e2),
                Cgroup = p.Cgroup,
            });
        }

        processes.Sort((a, b) => b.CpuPercent.CompareTo(a.CpuPercent));
        return processes;
    }
}

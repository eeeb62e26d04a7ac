using System.Globalization;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Bench.Storage;

/// <summary>
/// A busy shared build host, sampled every 30 s: 2,000 processes of 30 users on 16 CPUs. 1,900 sleep (shells,
/// services, editors; ten hold 0.5 to 2 GB), 60 long-running ones use 0.1 to 30% of a core, one user runs 12 busy
/// processes all day (over a threshold, so every one of them is recorded), and 6 new jobs a minute (compiler-like,
/// each with its own command line of about 110 characters) live 20 to 150 s at a full core. Seeded: every run is the same.
/// </summary>
internal sealed class SyntheticHost
{
    public const int Cpus = 16;
    public const long MemoryTotal = 64L << 30;
    public const string Watched = "user007";

    private static readonly TimeSpan Step = TimeSpan.FromSeconds(30);
    private static readonly string[] Templates =
    [
        "-bash", "/usr/bin/vim {0}.txt", "sshd: {1}@pts/{2}", "/usr/bin/python3 /srv/app/worker.py --queue q{2}", "tmux new -s {1}",
        "/usr/lib/jvm/java-17/bin/java -Xmx2g -jar /opt/tools/lsp-{2}.jar", "node /home/{1}/site/server.js --port 30{2}", "less /var/log/build-{2}.log",
    ];

    private readonly Random _random = new(20261206);
    private readonly List<Proc> _idle = [];
    private readonly List<Proc> _busy = [];
    private readonly List<Proc> _jobs = [];
    private DateTimeOffset _now;
    private int _nextPid = 100_000;
    private int _jobCount;

    public SyntheticHost(DateTimeOffset start)
    {
        _now = start;
        for (int i = 0; i < 1900; i++)
        {
            string user = User(_random.Next(30));
            long rss = i < 10 ? _random.NextInt64(500L << 20, 2L << 30) : _random.NextInt64(1 << 20, 80L << 20);
            _idle.Add(new Proc(1000 + i, user, Name(i), Command(i, user), 0, rss, 0));
        }

        for (int i = 0; i < 60; i++)
        {
            string user = i < 12 ? Watched : User(_random.Next(30));
            double rate = i < 12 ? 0.8 : 0.001 + (_random.NextDouble() * 0.3);
            _busy.Add(new Proc(5000 + i, user, i < 12 ? "python3" : "worker", string.Create(CultureInfo.InvariantCulture, $"/usr/bin/python3 /home/{user}/analysis/run.py --shard {i}"), rate, _random.NextInt64(50L << 20, 900L << 20), 0));
        }
    }

    /// <summary>The next snapshot, 30 s after the previous one.</summary>
    public Snapshot Next()
    {
        _now += Step;
        double seconds = Step.TotalSeconds;
        _jobs.RemoveAll(j => j.EndsAt <= _now);
        for (int i = 0; i < 3; i++)
        {
            _jobCount++;
            string user = User(_random.Next(30));
            string command = string.Create(CultureInfo.InvariantCulture, $"/usr/lib/gcc/x86_64-linux-gnu/12/cc1plus -quiet -I/home/{user}/src/include -O2 -g src/module{_jobCount}.cpp -o obj/module{_jobCount}.o");
            _jobs.Add(new Proc(_nextPid++, user, "cc1plus", command, 0.95, _random.NextInt64(100L << 20, 600L << 20), 0) { EndsAt = _now + TimeSpan.FromSeconds(_random.Next(20, 150)) });
        }

        var processes = new List<ProcessUsage>(_idle.Count + _busy.Count + _jobs.Count);
        processes.AddRange(_idle.Select(p => p.Usage(seconds)));
        foreach (Proc p in _busy.Concat(_jobs))
        {
            p.CpuSeconds += p.Rate * seconds;
            processes.Add(p.Usage(seconds));
        }

        processes.Sort((a, b) => a.Pid.CompareTo(b.Pid));
        double cpu = Math.Min(100, processes.Sum(p => p.CpuPercent));
        var system = new SystemUsage(cpu, 55, MemoryTotal * 55 / 100, MemoryTotal, 60, 1e6, 2e5, 9, 8, 7, 864_000, Cpus);
        IReadOnlyList<UserUsage> users = UserAggregator.Aggregate(processes, UserFilter.None);
        return new Snapshot(_now, "build-01", SystemStatus.Medium, system, users, processes) { Interval = Step };
    }

    private static string User(int i) => "user" + i.ToString("D3", CultureInfo.InvariantCulture);

    private static string Name(int i) => (i % 8) switch { 0 => "bash", 1 => "vim", 2 => "sshd", 3 => "python3", 4 => "tmux: server", 5 => "java", 6 => "node", _ => "less" };

    private static string Command(int i, string user) => string.Format(CultureInfo.InvariantCulture, Templates[i % Templates.Length], "notes" + (i % 40).ToString(CultureInfo.InvariantCulture), user, i % 50);

    private sealed class Proc(int pid, string user, string name, string command, double rate, long rss, double cpuSeconds)
    {
        private ProcessUsage? _idle;

        public double Rate { get; } = rate;

        public double CpuSeconds { get; set; } = cpuSeconds;

        public DateTimeOffset EndsAt { get; init; } = DateTimeOffset.MaxValue;

        // A sleeping process is the same object every time: nothing about it changes.
        public ProcessUsage Usage(double seconds) => Rate == 0
            ? _idle ??= Make(0)
            : Make(100 * Rate / Cpus);

        private ProcessUsage Make(double cpuPercent) =>
            new(pid, 1, (uint)(1000 + int.Parse(user.AsSpan(4), CultureInfo.InvariantCulture)), user, name, Rate == 0 ? 'S' : 'R', cpuPercent, 100.0 * rss / MemoryTotal, rss, 1, command)
            {
                CpuTimeSeconds = CpuSeconds,
                StartTimeSeconds = pid,
            };
    }
}

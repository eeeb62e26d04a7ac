using System.Globalization;
using Microsoft.Extensions.Time.Testing;
using SysMedic.Agent.Doctor;
using SysMedic.Core.Config;
using SysMedic.Core.Sampling;
using SysMedic.Tests.Sampling;
using SysMedic.Tests.Storage;

namespace SysMedic.Tests.Agent;

/// <summary>
/// A monitoring loop on a fake clock over a writable copy of the fixture /proc tree t1, with its database in a
/// temporary directory. The system's memory use is the test's to set; user 1000 holds 12.8% of memory.
/// </summary>
internal sealed class LoopHarness : IDisposable
{
    public static readonly DateTimeOffset Start = new(2026, 12, 6, 3, 0, 0, TimeSpan.Zero);

    private readonly List<MonitoringLoop> _loops = [];

    public LoopHarness(Func<SysMedicConfig, SysMedicConfig>? configure = null)
    {
        Directory = System.IO.Directory.CreateTempSubdirectory("sysmedic-loop-").FullName;
        ProcRoot = Path.Combine(Directory, "proc");
        Copy(FixturePaths.Proc("t1"), ProcRoot);
        SysMedicConfig config = new()
        {
            DataPath = Path.Combine(Directory, "data"),
            LogPath = Path.Combine(Directory, "log"),
            Monitoring = new MonitoringSection { CheckInterval = 60, LiveInterval = 2, MemoryThreshold = 20 },
            Users = new UsersSection { MemoryThreshold = 10 },
        };
        State = new DoctorState(configure is null ? config : configure(config));
        Sampler = new Sampler(FixtureSampling.Options("t1") with { ProcRoot = ProcRoot }, Time);
    }

    public string Directory { get; }

    public string ProcRoot { get; }

    public FakeTimeProvider Time { get; } = new(Start);

    public ListLogger Logger { get; } = new();

    public DoctorState State { get; }

    public Sampler Sampler { get; }

    public string DatabasePath => State.Config.DatabasePath();

    /// <summary>A new loop on this harness's state and clock (a restart of the doctor makes a second one).</summary>
    public MonitoringLoop NewLoop(Action? queued = null)
    {
        var loop = new MonitoringLoop(State, Sampler, Logger, Time) { Queued = queued };
        _loops.Add(loop);
        return loop;
    }

    /// <summary>Sets the system's memory in use, percent (MemAvailable of the fixture's 8,000,000 kB).</summary>
    public void SetMemoryUsed(double percent)
    {
        long available = (long)(8_000_000 * (1 - (percent / 100)));
        string meminfo = File.ReadAllText(Path.Combine(ProcRoot, "meminfo"));
        int at = meminfo.IndexOf("MemAvailable:", StringComparison.Ordinal);
        int end = meminfo.IndexOf('\n', at);
        string line = string.Create(CultureInfo.InvariantCulture, $"MemAvailable:    {available} kB");
        File.WriteAllText(Path.Combine(ProcRoot, "meminfo"), string.Concat(meminfo.AsSpan(0, at), line, meminfo.AsSpan(end)));
    }

    /// <summary>Moves the clock to the next check and runs the tick that makes it.</summary>
    public void NextCheck(MonitoringLoop loop)
    {
        Time.Advance(TimeSpan.FromSeconds(State.Config.Monitoring.CheckInterval));
        if (!loop.Tick())
        {
            throw new InvalidOperationException("the tick made no check");
        }
    }

    /// <summary>Runs raw SQL on the database through a connection of the test's own.</summary>
    public long Count(string sql)
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), CultureInfo.InvariantCulture);
    }

    public void Dispose()
    {
        _loops.ForEach(l => l.Dispose());
        Sampler.Dispose();
        System.IO.Directory.Delete(Directory, recursive: true);
    }

    private static void Copy(string from, string to)
    {
        System.IO.Directory.CreateDirectory(to);
        foreach (string file in System.IO.Directory.GetFiles(from))
        {
            File.Copy(file, Path.Combine(to, Path.GetFileName(file)));
        }

        foreach (string directory in System.IO.Directory.GetDirectories(from))
        {
            Copy(directory, Path.Combine(to, Path.GetFileName(directory)));
        }
    }
}

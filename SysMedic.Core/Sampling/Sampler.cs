using Microsoft.Extensions.Logging;
using SysMedic.Core.ProcFs;

namespace SysMedic.Core.Sampling;

/// <summary>
/// Reads the host and turns consecutive readings into snapshots. Not thread-safe: one sampling loop owns it. A system
/// file that cannot be read or parsed leaves zeros in that part of the reading and is counted in
/// <see cref="FileFailures"/>; with a logger, its first failure is logged once with its path, and its recovery once.
/// What the host does not have (pressure files, a cgroup v2 hierarchy, user slices, other users' disk I/O without
/// root) is said once and left out. The sampler never throws for a bad /proc file.
/// </summary>
public sealed partial class Sampler : IDisposable
{
    private readonly ProcDirectory _proc;
    private readonly ProcessScanner _scanner;
    private readonly CgroupFs? _cgroups;
    private readonly TimeProvider _time;
    private readonly ILogger? _logger;
    private readonly Dictionary<string, long> _failures = new(StringComparer.Ordinal);
    private readonly HashSet<string> _failing = new(StringComparer.Ordinal);
    private readonly HashSet<string> _said = new(StringComparer.Ordinal);
    private readonly List<string> _sliceFailures = [];
    private readonly UsageCounter _totals;
    private byte[] _buffer = new byte[16 * 1024];
    private ProcessSample[] _spare = new ProcessSample[256];
    private RawReading? _previous;

    /// <summary>Opens the /proc root of <paramref name="options"/>; throws when it does not exist.</summary>
    public Sampler(SamplerOptions options, TimeProvider? time = null, ILogger? logger = null)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
        _time = time ?? TimeProvider.System;
        _logger = logger;
        _proc = new ProcDirectory(options.ProcRoot);
        Passwd = new PasswdFile(options.PasswdPath);
        _scanner = new ProcessScanner(options.ProcRoot, Passwd);
        _cgroups = CgroupFs.Open(options.SysRoot);
        _totals = new UsageCounter(_time.GetUtcNow());
        if (_cgroups is null)
        {
            Say(Path.Combine(options.SysRoot, "fs", "cgroup"), "has no cgroup v2 hierarchy: users' CPU is counted from their processes only (no user slices)");
        }
        else if (!_cgroups.HasUserSlices)
        {
            Say(Path.Combine(_cgroups.Path, "user.slice"), "is absent (no systemd-logind sessions): users' CPU is counted from their processes only");
        }
    }

    /// <summary>How readings become snapshots; replace it (a reloaded configuration) between passes.</summary>
    public SamplerOptions Options { get; set; }

    /// <summary>The passwd file naming uids.</summary>
    public PasswdFile Passwd { get; }

    /// <summary>Counters of the process scanner.</summary>
    public ScannerStatistics Statistics => _scanner.Statistics;

    /// <summary>System files (by path) that could not be read or parsed, and how many times.</summary>
    public IReadOnlyDictionary<string, long> FileFailures => _failures;

    /// <summary>
    /// Reads the host now and returns the snapshot since the previous call (the first call has no rates: call it
    /// once, wait the interval, call it again).
    /// </summary>
    public Snapshot Sample(int persistentUsers = 0)
    {
        RawReading current = Read(_spare);
        RawReading? previous = _previous;
        TimeSpan elapsed = previous is null ? TimeSpan.Zero : _time.GetElapsedTime(previous.Timestamp, current.Timestamp);
        Snapshot snapshot = SnapshotBuilder.Build(previous, current, elapsed, Options, persistentUsers, Passwd.NameOf);
        snapshot = snapshot with { Totals = _totals.Add(snapshot.AllUsers) };
        if (Statistics.IoUnreadable > 0)
        {
            Say(Path.Combine(Options.ProcRoot, "[pid]", "io"), "cannot be read for some processes (other users' need root): their disk I/O is left out of their users' figures");
        }

        // Recycle the older process buffer: the snapshot holds its own objects, not the raw samples.
        _spare = previous?.Buffer ?? new ProcessSample[current.Buffer.Length];
        _previous = current;
        return snapshot;
    }

    /// <summary>One reading of the host into fresh buffers.</summary>
    public RawReading Read() => Read(new ProcessSample[256]);

    private RawReading Read(ProcessSample[] buffer)
    {
        SystemSample system = ReadSystem();
        int count = _scanner.Scan(ref buffer);
        return new RawReading(system, buffer, count, _time.GetTimestamp(), _time.GetUtcNow());
    }

    /// <summary>Reads the system-wide files: stat, meminfo, loadavg, uptime, net/dev, pressure, user slices and the disk.</summary>
    public SystemSample ReadSystem()
    {
        Check("stat", SystemStat.TryParse(ReadFile("stat\0"u8), out SystemStat stat));
        Check("meminfo", MemInfo.TryParse(ReadFile("meminfo\0"u8), out MemInfo memory));
        Check("loadavg", LoadAvg.TryParse(ReadFile("loadavg\0"u8), out LoadAvg load));
        Check("uptime", Uptime.TryParse(ReadFile("uptime\0"u8), out double uptime));
        var interfaces = new List<InterfaceCounters>();
        ReadOnlySpan<byte> netDev = ReadFile("net/dev\0"u8);
        NetDev.Parse(netDev, interfaces);
        Check("net/dev", !netDev.IsEmpty);
        DiskUsage disk = DiskUsage.Read(Options.DiskPath);
        Check(Options.DiskPath, disk.TotalBytes > 0, underProc: false);
        return new SystemSample(stat, memory, load, uptime, interfaces, disk)
        {
            CpuPressure = ReadPressure("pressure/cpu\0"u8, "pressure/cpu"),
            MemoryPressure = ReadPressure("pressure/memory\0"u8, "pressure/memory"),
            IoPressure = ReadPressure("pressure/io\0"u8, "pressure/io"),
            UserSlices = ReadUserSlices(),
        };
    }

    private Pressure? ReadPressure(ReadOnlySpan<byte> relativePath, string name)
    {
        int n = _proc.ReadGrowing(relativePath, ref _buffer);
        if (n < 0)
        {
            // No file: a kernel built without PSI, or booted with psi=0. Not a failure: said once.
            Say(Path.Combine(Options.ProcRoot, name), "is absent (a kernel without pressure stall information): no pressure figures for it");
            return null;
        }

        bool ok = Pressure.TryParse(_buffer.AsSpan(0, n), out Pressure pressure);
        Check(name, ok);
        return ok ? pressure : null;
    }

    private List<UserSliceSample>? ReadUserSlices()
    {
        if (_cgroups is null)
        {
            return null;
        }

        var slices = new List<UserSliceSample>();
        _sliceFailures.Clear();
        _cgroups.ReadUserSlices(slices, _sliceFailures);
        foreach (string path in _sliceFailures)
        {
            Check(path, false, underProc: false);
        }

        return slices;
    }

    private ReadOnlySpan<byte> ReadFile(ReadOnlySpan<byte> relativePath)
    {
        int n = _proc.ReadGrowing(relativePath, ref _buffer);
        return n <= 0 ? [] : _buffer.AsSpan(0, n);
    }

    // Counts a file that could not be read or parsed; logs its first failure, and its recovery, once.
    private void Check(string file, bool ok, bool underProc = true)
    {
        string path = underProc ? Path.Combine(Options.ProcRoot, file) : file;
        if (ok)
        {
            if (_failing.Remove(path) && _logger is not null && _logger.IsEnabled(LogLevel.Information))
            {
                _logger.LogInformation("{Path} can be read again", path);
            }

            return;
        }

        _failures[path] = _failures.GetValueOrDefault(path) + 1;
        if (_failing.Add(path) && _logger is not null && _logger.IsEnabled(LogLevel.Warning))
        {
            _logger.LogWarning("{Path} cannot be read or parsed; its figures are left at zero until it can (counted in the sampler's file failures)", path);
        }
    }

    // Says once in the sampler's life what the host does not have and what is left out for it.
    private void Say(string path, string what)
    {
        if (_said.Add(path) && _logger is not null)
        {
            LogAbsent(_logger, path, what);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "{Path} {What}")]
    private static partial void LogAbsent(ILogger logger, string path, string what);

    public void Dispose()
    {
        _scanner.Dispose();
        _cgroups?.Dispose();
        _proc.Dispose();
    }
}

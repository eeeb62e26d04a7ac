using SysMedic.Core.ProcFs;

namespace SysMedic.Core.Sampling;

/// <summary>
/// Reads the host and turns consecutive readings into snapshots. Not thread-safe: one sampling loop owns it. A file
/// that cannot be read leaves zeros in that part of the reading; the sampler never throws for a bad /proc file.
/// </summary>
public sealed class Sampler : IDisposable
{
    private readonly ProcDirectory _proc;
    private readonly ProcessScanner _scanner;
    private readonly TimeProvider _time;
    private byte[] _buffer = new byte[16 * 1024];
    private ProcessSample[] _spare = new ProcessSample[256];
    private RawReading? _previous;

    /// <summary>Opens the /proc root of <paramref name="options"/>; throws when it does not exist.</summary>
    public Sampler(SamplerOptions options, TimeProvider? time = null)
    {
        Options = options;
        _time = time ?? TimeProvider.System;
        _proc = new ProcDirectory(options.ProcRoot);
        Passwd = new PasswdFile(options.PasswdPath);
        _scanner = new ProcessScanner(options.ProcRoot, Passwd);
    }

    /// <summary>How readings become snapshots; replace it (a reloaded configuration) between passes.</summary>
    public SamplerOptions Options { get; set; }

    /// <summary>The passwd file naming uids.</summary>
    public PasswdFile Passwd { get; }

    /// <summary>Counters of the process scanner.</summary>
    public ScannerStatistics Statistics => _scanner.Statistics;

    /// <summary>
    /// Reads the host now and returns the snapshot since the previous call (the first call has no rates: call it
    /// once, wait the interval, call it again).
    /// </summary>
    public Snapshot Sample(int persistentUsers = 0)
    {
        RawReading current = Read(_spare);
        RawReading? previous = _previous;
        TimeSpan elapsed = previous is null ? TimeSpan.Zero : _time.GetElapsedTime(previous.Timestamp, current.Timestamp);
        Snapshot snapshot = SnapshotBuilder.Build(previous, current, elapsed, Options, persistentUsers);

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

    /// <summary>Reads the system-wide files: stat, meminfo, loadavg, uptime, net/dev and the disk.</summary>
    public SystemSample ReadSystem()
    {
        _ = SystemStat.TryParse(ReadFile("stat\0"u8), out SystemStat stat);
        _ = MemInfo.TryParse(ReadFile("meminfo\0"u8), out MemInfo memory);
        _ = LoadAvg.TryParse(ReadFile("loadavg\0"u8), out LoadAvg load);
        _ = Uptime.TryParse(ReadFile("uptime\0"u8), out double uptime);
        var interfaces = new List<InterfaceCounters>();
        NetDev.Parse(ReadFile("net/dev\0"u8), interfaces);
        return new SystemSample(stat, memory, load, uptime, interfaces, DiskUsage.Read(Options.DiskPath));
    }

    private ReadOnlySpan<byte> ReadFile(ReadOnlySpan<byte> relativePath)
    {
        int n = _proc.ReadGrowing(relativePath, ref _buffer);
        return n <= 0 ? [] : _buffer.AsSpan(0, n);
    }

    public void Dispose()
    {
        _scanner.Dispose();
        _proc.Dispose();
    }
}

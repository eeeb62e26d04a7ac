using System.Diagnostics;
using SysMedic.Core.ProcFs;
using SysMedic.Core.Sampling;

namespace SysMedic.Bench.Sampler;

/// <summary>
/// The sampler under test, <c>Sampler.Sample()</c> on the live /proc, timed pass by pass with the bytes each pass
/// allocates on this thread; and, to see where a pass goes, its parts timed alone: the system files, the process
/// scan (a second scanner, so the sampler's own cache is untouched) and the snapshot build.
/// </summary>
internal sealed class SamplerRun : IDisposable
{
    private readonly SamplerOptions _options = new();
    private readonly Core.Sampling.Sampler _sampler;
    private readonly ProcessScanner _scanner;
    private ProcessSample[] _scanBuffer = new ProcessSample[256];

    public SamplerRun()
    {
        _sampler = new Core.Sampling.Sampler(_options);
        _scanner = new ProcessScanner(_options.ProcRoot, new PasswdFile(_options.PasswdPath));
    }

    /// <summary>Processes first seen by the sampler so far (status and cmdline read for each).</summary>
    public long NewProcesses => _sampler.Statistics.NewProcesses;

    /// <summary>/proc/[pid]/io reads by the sampler so far.</summary>
    public long IoReads => _sampler.Statistics.IoReads;

    /// <summary>Runs <paramref name="passes"/> timed passes into <paramref name="log"/>.</summary>
    public void Run(int passes, PassLog log)
    {
        (double user, double kernel) = ThreadClock.Usage();
        for (int i = 0; i < passes; i++)
        {
            long bytes = GC.GetAllocatedBytesForCurrentThread();
            long start = Stopwatch.GetTimestamp();
            double cpu = ThreadClock.Micros();
            Snapshot snapshot = _sampler.Sample();
            cpu = ThreadClock.Micros() - cpu;
            TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
            bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
            log.Add(elapsed.TotalMicroseconds, cpu, bytes, snapshot.Processes.Count);
        }

        (double userAfter, double kernelAfter) = ThreadClock.Usage();
        log.UserMicros += userAfter - user;
        log.KernelMicros += kernelAfter - kernel;
    }

    /// <summary>Times the parts of a pass, <paramref name="passes"/> times each.</summary>
    public (PassLog System, PassLog Scan, PassLog Build) Parts(int passes)
    {
        var system = new PassLog();
        var scan = new PassLog();
        var build = new PassLog();
        _ = _scanner.Scan(ref _scanBuffer);
        RawReading before = _sampler.Read();
        RawReading after = _sampler.Read();
        Func<int> readSystem = () => _sampler.ReadSystem().Interfaces.Count;
        Func<int> scanProcesses = () => _scanner.Scan(ref _scanBuffer);
        Func<int> buildSnapshot = () => SnapshotBuilder.Build(before, after, TimeSpan.FromSeconds(1), _options).Processes.Count;
        for (int i = 0; i < passes; i++)
        {
            Time(system, readSystem);
            Time(scan, scanProcesses);
            Time(build, buildSnapshot);
        }

        return (system, scan, build);
    }

    private static void Time(PassLog log, Func<int> pass)
    {
        long bytes = GC.GetAllocatedBytesForCurrentThread();
        long start = Stopwatch.GetTimestamp();
        double cpu = ThreadClock.Micros();
        int seen = pass();
        cpu = ThreadClock.Micros() - cpu;
        TimeSpan elapsed = Stopwatch.GetElapsedTime(start);
        bytes = GC.GetAllocatedBytesForCurrentThread() - bytes;
        log.Add(elapsed.TotalMicroseconds, cpu, bytes, seen);
    }

    public void Dispose()
    {
        _scanner.Dispose();
        _sampler.Dispose();
    }
}

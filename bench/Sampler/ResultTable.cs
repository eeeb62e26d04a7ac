using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace SysMedic.Bench.Sampler;

/// <summary>Prints the results as Markdown tables, ready for bench/README.md.</summary>
internal static class ResultTable
{
    /// <summary>A pass may cost at most this many times the stat+fstat C reader...</summary>
    public const double TimeTarget = 1.5;

    /// <summary>...from this many extra processes up; below, the fixed cost of a pass (system files, snapshot) dominates.</summary>
    public const int TimeTargetFromExtra = 2000;

    /// <summary>A pass must allocate fewer bytes than this per process.</summary>
    public const double BytesPerProcessTarget = 256;

    public static void Print(TextWriter o, IReadOnlyList<PopulationResult> results, BenchOptions options, string loadBefore)
    {
        o.WriteLine();
        o.WriteLine($"{Environment.ProcessorCount} cores, Linux {Environment.OSVersion.Version}, {RuntimeInformation.FrameworkDescription}, "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC; load average {loadBefore} at the start; "
            + $"{options.Rounds} rounds x {options.Passes} passes per reader.");
        o.WriteLine("Per pass: median CPU time of the reading thread (user + kernel) in µs, and in brackets the median wall time.");
        o.WriteLine("Kernel share: the kernel's part of the CPU time of all timed passes (getrusage; - when too short to tell).");
        o.WriteLine();
        o.WriteLine("| population | processes | C stat+status | C stat+fstat | sampler | µs/process: status / fstat / sampler | kernel share: status / fstat / sampler | sampler / stat+fstat (wall) | sampler / stat+status | time <= 1.5x |");
        o.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|:-:|");
        foreach (PopulationResult r in results)
        {
            string verdict = r.Extra < TimeTargetFromExtra ? "no target" : Verdict(r.RatioToStatFstat <= TimeTarget);
            o.WriteLine($"| {r.Label} | {N(r.Sampler.MedianSeen)} | {Micros(r.StatStatus)} | {Micros(r.StatFstat)} | {Micros(r.Sampler)} "
                + $"| {PerProcess(r.StatStatus)} / {PerProcess(r.StatFstat)} / {PerProcess(r.Sampler)} "
                + $"| {Share(r.StatStatus)} / {Share(r.StatFstat)} / {Share(r.Sampler)} "
                + $"| {F(r.RatioToStatFstat)} ({F(r.WallRatioToStatFstat)}) | {F(r.RatioToStatStatus)} | {verdict} |");
        }

        o.WriteLine();
        o.WriteLine("Allocation by Sampler.Sample() on its thread (median per pass), and the sampler's first pass after the extra");
        o.WriteLine("processes started, which reads status and cmdline of each new one (CPU µs):");
        o.WriteLine();
        o.WriteLine("| population | B/pass | B/process | alloc < 256 B/process | first pass after spawn | its B |");
        o.WriteLine("|---|--:|--:|:-:|--:|--:|");
        foreach (PopulationResult r in results)
        {
            string first = r.FirstPass.Micros.Count == 0 ? "- | -" : $"{N(r.FirstPass.MedianCpuMicros)} | {N(r.FirstPass.MedianBytes)}";
            o.WriteLine($"| {r.Label} | {N(r.Sampler.MedianBytes)} | {N(r.BytesPerProcess)} | {Verdict(r.BytesPerProcess < BytesPerProcessTarget)} | {first} |");
        }

        o.WriteLine();
        o.WriteLine("Where a sampler pass goes, each part timed alone (CPU µs and bytes, medians; the scan uses a second, warm scanner):");
        o.WriteLine();
        o.WriteLine("| population | system files | process scan | snapshot build | scan B | build B | io reads / pass |");
        o.WriteLine("|---|--:|--:|--:|--:|--:|--:|");
        foreach (PopulationResult r in results)
        {
            o.WriteLine($"| {r.Label} | {N(r.SystemFiles.MedianCpuMicros)} | {N(r.Scan.MedianCpuMicros)} | {N(r.Build.MedianCpuMicros)} "
                + $"| {N(r.Scan.MedianBytes)} | {N(r.Build.MedianBytes)} | {F(r.IoReadsPerPass)} |");
        }
    }

    /// <summary>The three load averages of /proc/loadavg.</summary>
    public static string LoadAverage()
    {
        try
        {
            return string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3));
        }
        catch (IOException)
        {
            return "unknown";
        }
    }

    private static string Micros(PassLog log) => $"{N(log.MedianCpuMicros)} ({N(log.MedianMicros)})";

    private static string PerProcess(PassLog log) => F(log.MedianCpuMicros / log.MedianSeen);

    // The split is sampled at the scheduler tick: over less than a fifth of a second of CPU it says little.
    private static string Share(PassLog log) =>
        log.UserMicros + log.KernelMicros < 200_000 ? "-" : (100 * log.KernelShare).ToString("F0", CultureInfo.InvariantCulture) + "%";

    private static string Verdict(bool met) => met ? "PASS" : "FAIL";

    private static string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);
}

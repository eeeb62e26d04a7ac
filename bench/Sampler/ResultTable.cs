using System.Globalization;
using System.Runtime;
using System.Runtime.InteropServices;

namespace SysMedic.Bench.Sampler;

/// <summary>Prints the results as Markdown tables, ready for bench/README.md.</summary>
internal static class ResultTable
{
    /// <summary>A pass may cost at most this many times the stat+fstat C reader.</summary>
    public const double TimeTarget = 1.5;

    /// <summary>A pass must allocate fewer bytes than this per process.</summary>
    public const double BytesPerProcessTarget = 256;

    public static bool TimeMet(PopulationResult r) => r.RatioToStatFstat <= TimeTarget;

    public static bool AllocationMet(PopulationResult r) => r.BytesPerProcess < BytesPerProcessTarget;

    public static void Print(TextWriter o, IReadOnlyList<PopulationResult> results, BenchOptions options)
    {
        o.WriteLine();
        o.WriteLine($"{Environment.ProcessorCount} cores, Linux {Environment.OSVersion.Version}, {RuntimeInformation.FrameworkDescription}, "
            + $"{(GCSettings.IsServerGC ? "server" : "workstation")} GC, load average {LoadAverage()}; "
            + $"{options.Rounds} rounds x {options.Passes} passes per reader.");
        o.WriteLine("Per pass, median of the thread's CPU time (user + kernel) in µs, and in brackets the median wall time.");
        o.WriteLine();
        o.WriteLine("| population | processes | C stat+status | C stat+fstat | sampler | sampler µs/process | sampler / stat+fstat (wall) | sampler / stat+status | B/pass | B/process | time <= 1.5x | alloc < 256 B |");
        o.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|:-:|:-:|");
        foreach (PopulationResult r in results)
        {
            o.WriteLine($"| {r.Label} | {N(r.Sampler.MedianSeen)} | {Micros(r.StatStatus)} | {Micros(r.StatFstat)} | {Micros(r.Sampler)} "
                + $"| {F(r.Sampler.MedianCpuMicros / r.Sampler.MedianSeen)} | {F(r.RatioToStatFstat)} ({F(r.WallRatioToStatFstat)}) "
                + $"| {F(r.RatioToStatStatus)} | {N(r.Sampler.MedianBytes)} | {N(r.BytesPerProcess)} "
                + $"| {Verdict(TimeMet(r))} | {Verdict(AllocationMet(r))} |");
        }

        o.WriteLine();
        o.WriteLine("Where a sampler pass goes: each part timed alone (CPU µs, medians; the scan uses a second, warm scanner), and");
        o.WriteLine("the sampler's first pass after the extra processes started, which reads status and cmdline of each new one:");
        o.WriteLine();
        o.WriteLine("| population | system files | process scan | snapshot build | scan B/pass | build B/pass | first pass after spawn | first pass B |");
        o.WriteLine("|---|--:|--:|--:|--:|--:|--:|--:|");
        foreach (PopulationResult r in results)
        {
            string first = r.FirstPass.Micros.Count == 0 ? "- | -" : $"{N(r.FirstPass.MedianCpuMicros)} | {N(r.FirstPass.MedianBytes)}";
            o.WriteLine($"| {r.Label} | {N(r.SystemFiles.MedianCpuMicros)} | {N(r.Scan.MedianCpuMicros)} | {N(r.Build.MedianCpuMicros)} "
                + $"| {N(r.Scan.MedianBytes)} | {N(r.Build.MedianBytes)} | {first} |");
        }
    }

    private static string Micros(PassLog log) => $"{N(log.MedianCpuMicros)} ({N(log.MedianMicros)})";

    private static string Verdict(bool met) => met ? "PASS" : "FAIL";

    private static string N(double v) => v.ToString("N0", CultureInfo.InvariantCulture);

    private static string F(double v) => v.ToString("F2", CultureInfo.InvariantCulture);

    private static string LoadAverage()
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
}

using System.Globalization;

namespace SysMedic.Bench.Doctor;

/// <summary>The figures as Markdown tables, each doctor beside top over the same population and window.</summary>
internal static class ResultTable
{
    /// <summary>Target at 2,000 extra processes and more: under 1% of one core.</summary>
    public const double CoreTarget = 1.0;

    /// <summary>Target for the resident memory: under 40 MB (10^6 bytes).</summary>
    public const double RssTargetMb = 40.0;

    public static void Print(TextWriter o, IReadOnlyList<ProgramCost> results, DoctorBenchOptions options, string loadBefore, string loadAfter)
    {
        var c = CultureInfo.InvariantCulture;
        o.WriteLine(string.Create(c, $"{Environment.ProcessorCount} CPUs, Linux {Environment.OSVersion.Version}, load average {loadBefore} at the start and {loadAfter} at the end;"));
        o.WriteLine(string.Create(c, $"live_interval 2 s, check_interval 60 s, warm-up {options.Warmup} s, window {options.Window} s, CPU ticks of {Native.ClockTicks} Hz."));
        o.WriteLine();
        foreach (DoctorSpec d in options.Doctors)
        {
            o.WriteLine(string.Create(c, $"- {d}"));
        }

        o.WriteLine();
        o.WriteLine("| population | processes | program | CPU s in window | CPU s/hour | % of one core | VmRSS MB end (max) | VmHWM MB | CPU vs top | RSS vs top | < 1% core | < 40 MB RSS | SIGTERM |");
        o.WriteLine("|---|--:|---|--:|--:|--:|--:|--:|--:|--:|:-:|:-:|---|");
        foreach (IGrouping<string, ProgramCost> population in results.GroupBy(r => r.Label.Split('|')[0]))
        {
            ProgramCost top = population.Single(r => !r.IsDoctor);
            bool cpuTarget = population.Key != "own";
            foreach (ProgramCost r in population.OrderBy(r => r.IsDoctor ? 0 : 1))
            {
                string name = r.Label.Split('|')[1];
                string cpuRatio = r.IsDoctor ? Ratio(r.CpuSeconds, top.CpuSeconds) : "1";
                string rssRatio = r.IsDoctor ? Ratio(r.RssMaxKb, top.RssMaxKb) : "1";
                string cpuVerdict = !r.IsDoctor ? "" : !cpuTarget ? "no target" : r.CorePercent < CoreTarget ? "PASS" : "FAIL";
                string rssVerdict = !r.IsDoctor ? "" : $"{(Mb(r.RssMaxKb) < RssTargetMb ? "PASS" : "FAIL")} ({r.Kind})";
                o.WriteLine(string.Create(c, $"| {population.Key} | {r.Processes:N0} | {name} | {r.CpuSeconds:F2} | {r.CpuPerHour:F1} | {r.CorePercent:F2} | {Mb(r.RssEndKb):F1} ({Mb(r.RssMaxKb):F1}) | {Mb(r.HwmKb):F1} | {cpuRatio} | {rssRatio} | {cpuVerdict} | {rssVerdict} | {r.Exit} |"));
            }
        }

        o.WriteLine();
        o.WriteLine("CPU: utime + stime of the process (all threads) from /proc/[pid]/stat at the start and end of the window.");
        o.WriteLine("RSS: VmRSS from /proc/[pid]/status every 2 s (the RSS verdict is on the largest); VmHWM is the peak since start.");
        o.WriteLine("The RSS target is for the published binary: a JIT row is the framework-dependent dll under dotnet.");
    }

    private static double Mb(long kb) => kb * 1024 / 1e6;

    private static string Ratio(double value, double reference) =>
        reference > 0 ? (value / reference).ToString("F2", CultureInfo.InvariantCulture) : "-";
}

using System.Diagnostics;
using System.Globalization;

namespace SysMedic.Bench.Storage;

/// <summary>Runs an action several times (after one warm-up run) and reports wall-clock and thread CPU time in milliseconds.</summary>
internal static class Measure
{
    public static (double[] Wall, double[] Cpu) Times(int runs, Action action)
    {
        action();
        var wall = new double[runs];
        var cpu = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            double cpuStart = ThreadClock.NowMs();
            long start = Stopwatch.GetTimestamp();
            action();
            wall[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
            cpu[i] = ThreadClock.NowMs() - cpuStart;
        }

        Array.Sort(wall);
        Array.Sort(cpu);
        return (wall, cpu);
    }

    public static double Median(double[] sorted) => sorted[sorted.Length / 2];

    public static double P95(double[] sorted) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(sorted.Length * 0.95) - 1)];

    public static void Report(string what, (double[] Wall, double[] Cpu) times, double? targetMs, double referenceMs)
    {
        double median = Median(times.Wall);
        double p95 = P95(times.Wall);
        string verdict = targetMs is { } t
            ? $"target < {t:0.#} ms: median {(median < t ? "OK" : "MISSED")}, p95 {(p95 < t ? "OK" : "MISSED")}"
            : "(no target)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-44} wall median {median,8:0.000} p95 {p95,8:0.000} max {times.Wall[^1],8:0.000} | cpu median {Median(times.Cpu),8:0.000} p95 {P95(times.Cpu),8:0.000} ms | {median / referenceMs,6:0.0} x ref | {verdict}"));
    }
}

using System.Diagnostics;
using System.Globalization;

namespace SysMedic.Bench.Storage;

/// <summary>Runs an action several times and reports the median, 95th percentile and maximum in milliseconds.</summary>
internal static class Measure
{
    public static double[] Times(int runs, Action action)
    {
        action();
        var times = new double[runs];
        for (int i = 0; i < runs; i++)
        {
            long start = Stopwatch.GetTimestamp();
            action();
            times[i] = Stopwatch.GetElapsedTime(start).TotalMilliseconds;
        }

        Array.Sort(times);
        return times;
    }

    public static double Median(double[] sorted) => sorted[sorted.Length / 2];

    public static double P95(double[] sorted) => sorted[(int)Math.Min(sorted.Length - 1, Math.Ceiling(sorted.Length * 0.95) - 1)];

    public static void Report(string what, double[] sorted, double? targetMs, double referenceMs)
    {
        double median = Median(sorted);
        string verdict = targetMs is { } t ? $"target < {t:0.#} ms: {(P95(sorted) < t ? "OK" : "MISSED")}" : "(no target)";
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
            $"{what,-46} median {median,8:0.000} ms  p95 {P95(sorted),8:0.000} ms  max {sorted[^1],8:0.000} ms  = {median / referenceMs,7:0.0} x ref  {verdict}"));
    }
}

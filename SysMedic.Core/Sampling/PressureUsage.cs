using SysMedic.Core.ProcFs;

namespace SysMedic.Core.Sampling;

/// <summary>
/// Pressure stall information for one resource over an interval. "Some": the share of time at least one task
/// waited for it; "full": all non-idle tasks at once. <c>*Avg10/60/300</c> are the kernel's running averages (percent);
/// <c>*Percent</c> is exact over the interval, from the stall totals; <c>*TotalSeconds</c> are those totals.
/// </summary>
public sealed record PressureUsage(
    double SomeAvg10,
    double SomeAvg60,
    double SomeAvg300,
    double SomePercent,
    double SomeTotalSeconds,
    double FullAvg10,
    double FullAvg60,
    double FullAvg300,
    double FullPercent,
    double FullTotalSeconds)
{
    /// <summary>
    /// The pressure of <paramref name="now"/>, with interval percentages from <paramref name="before"/> over
    /// <paramref name="seconds"/> (zero with no earlier reading, or a total that went backwards); null when
    /// <paramref name="now"/> is.
    /// </summary>
    public static PressureUsage? From(Pressure? before, Pressure? now, double seconds)
    {
        if (now is not { } n)
        {
            return null;
        }

        return new PressureUsage(
            n.Some.Avg10, n.Some.Avg60, n.Some.Avg300, Percent(before?.Some, n.Some, seconds), n.Some.TotalMicroseconds / 1e6,
            n.Full.Avg10, n.Full.Avg60, n.Full.Avg300, Percent(before?.Full, n.Full, seconds), n.Full.TotalMicroseconds / 1e6);
    }

    /// <summary>Seconds stalled (some) in the interval: <see cref="SomePercent"/> of <paramref name="seconds"/>.</summary>
    public double SomeStalledSeconds(double seconds) => SomePercent / 100 * seconds;

    /// <summary>Seconds stalled (full) in the interval.</summary>
    public double FullStalledSeconds(double seconds) => FullPercent / 100 * seconds;

    private static double Percent(PressureLine? before, PressureLine now, double seconds)
    {
        if (before is not { } b || seconds <= 0 || now.TotalMicroseconds < b.TotalMicroseconds)
        {
            return 0;
        }

        return Math.Clamp((now.TotalMicroseconds - b.TotalMicroseconds) / 1e6 / seconds * 100, 0, 100);
    }
}

namespace SysMedic.Tui.Commands;

/// <summary>
/// The machine's pressure over a usage range: the share of <see cref="Seconds"/> (the time the pressure files could
/// be read) that some, or all non-idle, tasks stalled on each resource, in percent.
/// </summary>
public sealed record UsagePressure(
    double Seconds,
    double CpuSomePercent,
    double CpuFullPercent,
    double MemorySomePercent,
    double MemoryFullPercent,
    double IoSomePercent,
    double IoFullPercent)
{
    /// <summary>The pressure of a stored summary; null when no check had pressure figures.</summary>
    public static UsagePressure? Of(Core.Storage.SystemUsageSummary s)
    {
        ArgumentNullException.ThrowIfNull(s);
        double t = s.PressureSeconds;
        if (t <= 0)
        {
            return null;
        }

        return new UsagePressure(t, Share(s.CpuSomeStallSeconds, t), Share(s.CpuFullStallSeconds, t), Share(s.MemorySomeStallSeconds, t), Share(s.MemoryFullStallSeconds, t), Share(s.IoSomeStallSeconds, t), Share(s.IoFullStallSeconds, t));
    }

    private static double Share(double stalled, double seconds) => Math.Round(100 * stalled / seconds, 3);
}

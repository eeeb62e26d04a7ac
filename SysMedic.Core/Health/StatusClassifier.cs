using SysMedic.Core.Sampling;

namespace SysMedic.Core.Health;

/// <summary>
/// Light / Medium / Heavy, by the product's rules, in this order: Heavy when the system is over a threshold or any
/// user is persistent; Medium when the system is over 60% of a threshold or any user is over their own threshold;
/// else Light. Comparisons are strict ("over").
/// </summary>
public static class StatusClassifier
{
    /// <summary>The share of a system threshold above which the host counts as Medium.</summary>
    public const double MediumFraction = 0.6;

    /// <summary>Classifies one moment of the host.</summary>
    public static SystemStatus Classify(SystemUsage system, IEnumerable<UserUsage> users, Thresholds thresholds, int persistentUsers)
    {
        if (system.CpuPercent > thresholds.SystemCpuPercent || system.MemoryPercent > thresholds.SystemMemoryPercent)
        {
            return SystemStatus.Heavy;
        }

        if (persistentUsers > 0)
        {
            return SystemStatus.Heavy;
        }

        if (system.CpuPercent > thresholds.SystemCpuPercent * MediumFraction
            || system.MemoryPercent > thresholds.SystemMemoryPercent * MediumFraction)
        {
            return SystemStatus.Medium;
        }

        foreach (UserUsage user in users)
        {
            UserThreshold t = thresholds.For(user.Username);
            if (user.CpuPercent > t.CpuPercent || user.MemoryPercent > t.MemoryPercent)
            {
                return SystemStatus.Medium;
            }
        }

        return SystemStatus.Light;
    }
}

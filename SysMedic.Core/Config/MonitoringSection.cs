namespace SysMedic.Core.Config;

/// <summary>The <c>monitoring</c> section: how often the agent samples and the system-wide thresholds.</summary>
public sealed record MonitoringSection
{
    /// <summary>Seconds between stored checks and alert evaluations.</summary>
    public int CheckInterval { get; init; } = 60;

    /// <summary>Seconds between live samples sent to consoles.</summary>
    public int LiveInterval { get; init; } = 2;

    /// <summary>System CPU usage, in percent of the whole machine, above which an alert is raised.</summary>
    public double CpuThreshold { get; init; } = 80;

    /// <summary>System memory usage, in percent, above which an alert is raised.</summary>
    public double MemoryThreshold { get; init; } = 80;

    /// <summary>Minutes a condition must last before it is reported as persistent.</summary>
    public int PersistentTime { get; init; } = 60;

    /// <summary>
    /// Share of time, in percent, that all non-idle tasks stalled on memory at once (pressure "full") above which,
    /// held for <see cref="MemoryPressureMinutes"/>, an alert is raised; 0 turns the rule off.
    /// </summary>
    public double MemoryPressureThreshold { get; init; } = 10;

    /// <summary>Minutes memory pressure must stay over its threshold before it alerts.</summary>
    public int MemoryPressureMinutes { get; init; } = 5;
}

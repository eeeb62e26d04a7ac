namespace SysMedic.Core.Sampling;

/// <summary>The host over one check window: averages and peaks of the live snapshots it saw.</summary>
public sealed record SystemWindow(
    MetricWindow CpuPercent,
    MetricWindow MemoryPercent,
    double DiskPercent,
    double NetworkRxBytesPerSec,
    double NetworkTxBytesPerSec,
    double LoadAvg1,
    double LoadAvg5,
    double LoadAvg15,
    double UptimeSeconds)
{
    /// <summary>The time the window's snapshots cover, in seconds (the sum of their intervals).</summary>
    public double Seconds { get; init; }

    /// <summary>CPU core-seconds the machine had in the window: each interval times the CPUs then.</summary>
    public double CpuCapacitySeconds { get; init; }

    /// <summary>Processes started (forks) on the machine in the window.</summary>
    public long ProcessesStarted { get; init; }

    /// <summary>Stall time in the window; null when no pressure file could be read.</summary>
    public PressureWindow? Pressure { get; init; }
}

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
    double UptimeSeconds);

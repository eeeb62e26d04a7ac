namespace SysMedic.Core.Storage;

/// <summary>
/// One check's system figures: average and peak over the check window (percent of the whole machine), disk use
/// (percent), network rates (bytes per second) and load averages. Stored to 0.01 % and one-second resolution.
/// </summary>
public sealed record SystemMetricsRow(
    DateTimeOffset Timestamp,
    double CpuAvgPercent,
    double CpuPeakPercent,
    double MemoryAvgPercent,
    double MemoryPeakPercent,
    double DiskPercent,
    long NetworkRxBytesPerSec,
    long NetworkTxBytesPerSec,
    double LoadAvg1,
    double LoadAvg5,
    double LoadAvg15);

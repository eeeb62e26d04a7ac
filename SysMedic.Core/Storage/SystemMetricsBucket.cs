namespace SysMedic.Core.Storage;

/// <summary>
/// One chart point of system history: the checks in [<see cref="Start"/>, next bucket). "Avg" fields average the
/// checks' averages, "Peak"/"Max" fields are the highest value seen. Percent of the machine, bytes per second.
/// </summary>
public sealed record SystemMetricsBucket(
    DateTimeOffset Start,
    int Samples,
    double CpuAvgPercent,
    double CpuPeakPercent,
    double MemoryAvgPercent,
    double MemoryPeakPercent,
    double DiskMaxPercent,
    double NetworkRxAvgBytesPerSec,
    double NetworkRxMaxBytesPerSec,
    double NetworkTxAvgBytesPerSec,
    double NetworkTxMaxBytesPerSec,
    double LoadAvg1Avg,
    double LoadAvg1Max,
    double LoadAvg5Avg,
    double LoadAvg15Avg);

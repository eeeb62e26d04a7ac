namespace SysMedic.Core.Storage;

/// <summary>
/// One chart point of a user's history: averages of the checks' averages and the highest peaks in
/// [<see cref="Start"/>, next bucket). Percent of the machine, bytes.
/// </summary>
public sealed record UserMetricsBucket(
    DateTimeOffset Start,
    int Samples,
    double CpuAvgPercent,
    double CpuPeakPercent,
    double MemoryAvgPercent,
    double MemoryPeakPercent,
    double RssAvgBytes,
    long RssMaxBytes,
    int ProcessCountMax);

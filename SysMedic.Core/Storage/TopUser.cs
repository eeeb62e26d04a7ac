namespace SysMedic.Core.Storage;

/// <summary>A user's totals over a range: average of averages and highest peak (percent of the machine), max RSS (bytes).</summary>
public sealed record TopUser(
    string Username,
    int Samples,
    double CpuAvgPercent,
    double CpuPeakPercent,
    double MemoryAvgPercent,
    double MemoryPeakPercent,
    long RssMaxBytes);

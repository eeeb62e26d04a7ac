namespace SysMedic.Core.Storage;

/// <summary>
/// One user's figures for one check: CPU and memory average and peak over the window (percent of the machine),
/// resident memory (bytes), process count, and their PIDs heaviest first (at most
/// <see cref="PidListCodec.MaxStoredPids"/> are kept, read back in ascending order).
/// </summary>
public sealed record UserMetricsRow(
    string Username,
    double CpuAvgPercent,
    double CpuPeakPercent,
    double MemoryAvgPercent,
    double MemoryPeakPercent,
    long RssBytes,
    int ProcessCount,
    IReadOnlyList<int> Pids);

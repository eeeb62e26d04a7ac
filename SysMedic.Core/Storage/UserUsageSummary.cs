namespace SysMedic.Core.Storage;

/// <summary>
/// One user's usage over a range, from the stored checks: CPU core-seconds (and the part from processes that ended),
/// disk bytes, processes first seen, resident memory (average of the checks and highest) and memory share (average
/// and peak, percent of RAM), the checks that had a row for the user, and whether any CPU came from a user slice.
/// </summary>
public sealed record UserUsageSummary(
    string Username,
    int Checks,
    double CpuSeconds,
    double ExitedCpuSeconds,
    long DiskReadBytes,
    long DiskWriteBytes,
    long NewProcesses,
    double RssAvgBytes,
    long RssMaxBytes,
    double MemoryAvgPercent,
    double MemoryPeakPercent,
    bool CpuFromSlice);

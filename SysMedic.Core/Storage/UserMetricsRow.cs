namespace SysMedic.Core.Storage;

/// <summary>
/// One user's figures for one check: CPU and memory average and peak over the window (percent of the machine),
/// resident memory (bytes), process count, and their PIDs heaviest first (at most
/// <see cref="PidListCodec.MaxStoredPids"/> are kept, read back in ascending order). CPU time in core-seconds and
/// disk bytes are the window's totals.
/// </summary>
public sealed record UserMetricsRow(
    string Username,
    double CpuAvgPercent,
    double CpuPeakPercent,
    double MemoryAvgPercent,
    double MemoryPeakPercent,
    long RssBytes,
    int ProcessCount,
    IReadOnlyList<int> Pids)
{
    /// <summary>CPU core-seconds used in the window, exact; stored to the millisecond.</summary>
    public double CpuSeconds { get; init; }

    /// <summary>The part of <see cref="CpuSeconds"/> from processes that ended in the window.</summary>
    public double ExitedCpuSeconds { get; init; }

    /// <summary>Bytes read from storage in the window.</summary>
    public long DiskReadBytes { get; init; }

    /// <summary>Bytes written to storage in the window.</summary>
    public long DiskWriteBytes { get; init; }

    /// <summary>Processes first seen in the window.</summary>
    public int NewProcesses { get; init; }

    /// <summary>Whether the CPU came from the user's slice.</summary>
    public bool CpuFromSlice { get; init; }
}

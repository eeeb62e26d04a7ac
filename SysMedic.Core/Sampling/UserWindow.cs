namespace SysMedic.Core.Sampling;

/// <summary>
/// One user over a check window. Averages count the snapshots where the user had no process as zero, so a user
/// busy for half the window at 100% averages 50%. RSS, process count and pids are from the last snapshot. CPU
/// seconds, disk bytes and new processes are sums over the window.
/// </summary>
public sealed record UserWindow(
    string Username,
    uint Uid,
    MetricWindow CpuPercent,
    MetricWindow MemoryPercent,
    long RssBytes,
    int ProcessCount,
    IReadOnlyList<int> Pids)
{
    /// <summary>CPU core-seconds used in the window, exact (processes that started and ended in it included).</summary>
    public double CpuSeconds { get; init; }

    /// <summary>The part of <see cref="CpuSeconds"/> from processes that ended, counted through their reaping parents.</summary>
    public double ExitedCpuSeconds { get; init; }

    /// <summary>Bytes read from storage in the window.</summary>
    public long DiskReadBytes { get; init; }

    /// <summary>Bytes written to storage in the window.</summary>
    public long DiskWriteBytes { get; init; }

    /// <summary>Processes first seen in the window.</summary>
    public int NewProcesses { get; init; }

    /// <summary>Whether the CPU came from the user's slice for at least part of the window.</summary>
    public bool CpuFromSlice { get; init; }

    /// <summary>Whether the user used any CPU, disk or started a process in the window.</summary>
    public bool UsedAnything => CpuSeconds > 0 || DiskReadBytes > 0 || DiskWriteBytes > 0 || NewProcesses > 0;
}

namespace SysMedic.Core.Sampling;

/// <summary>
/// One user over a check window. Averages count the snapshots where the user had no process as zero, so a user
/// busy for half the window at 100% averages 50%. RSS, process count and pids are from the last snapshot.
/// </summary>
public sealed record UserWindow(
    string Username,
    uint Uid,
    MetricWindow CpuPercent,
    MetricWindow MemoryPercent,
    long RssBytes,
    int ProcessCount,
    IReadOnlyList<int> Pids);

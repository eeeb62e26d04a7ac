namespace SysMedic.Core.Sampling;

/// <summary>The sum over one user's processes: CPU% as a share of the machine, memory% of RAM, resident bytes.</summary>
public sealed record UserUsage(
    string Username,
    uint Uid,
    double CpuPercent,
    double MemoryPercent,
    long RssBytes,
    int ProcessCount,
    IReadOnlyList<int> Pids);

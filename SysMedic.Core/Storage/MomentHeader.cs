using SysMedic.Core.Health;

namespace SysMedic.Core.Storage;

/// <summary>
/// What a check knew beyond <c>system_metrics</c> that a report of that moment needs: the window it covered, the
/// status the agent gave it, memory in bytes, uptime, CPUs and how many processes there were.
/// </summary>
public sealed record MomentHeader(
    DateTimeOffset Timestamp,
    TimeSpan Window,
    SystemStatus Status,
    long MemoryUsedBytes,
    long MemoryTotalBytes,
    double UptimeSeconds,
    int CpuCount,
    int ProcessCount);

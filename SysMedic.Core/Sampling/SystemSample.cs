using SysMedic.Core.ProcFs;

namespace SysMedic.Core.Sampling;

/// <summary>Raw system-wide counters at an instant.</summary>
public sealed record SystemSample(
    SystemStat Stat,
    MemInfo Memory,
    LoadAvg Load,
    double UptimeSeconds,
    IReadOnlyList<InterfaceCounters> Interfaces,
    DiskUsage Disk);

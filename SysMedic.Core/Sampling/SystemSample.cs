using SysMedic.Core.ProcFs;

namespace SysMedic.Core.Sampling;

/// <summary>Raw system-wide counters at an instant.</summary>
public sealed record SystemSample(
    SystemStat Stat,
    MemInfo Memory,
    LoadAvg Load,
    double UptimeSeconds,
    IReadOnlyList<InterfaceCounters> Interfaces,
    DiskUsage Disk)
{
    /// <summary><c>/proc/pressure/cpu</c>; null when the kernel has no pressure stall information.</summary>
    public Pressure? CpuPressure { get; init; }

    /// <summary><c>/proc/pressure/memory</c>; null when absent.</summary>
    public Pressure? MemoryPressure { get; init; }

    /// <summary><c>/proc/pressure/io</c>; null when absent.</summary>
    public Pressure? IoPressure { get; init; }

    /// <summary>
    /// The systemd user slices of the cgroup v2 hierarchy; null when there is no v2 hierarchy or no
    /// <c>user.slice</c> (then no figure comes from a slice).
    /// </summary>
    public IReadOnlyList<UserSliceSample>? UserSlices { get; init; }
}

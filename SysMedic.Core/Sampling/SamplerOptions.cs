using SysMedic.Core.Health;
using SysMedic.Core.ProcFs;

namespace SysMedic.Core.Sampling;

/// <summary>Where a <see cref="Sampler"/> reads from and how it turns readings into a <see cref="Snapshot"/>.</summary>
public sealed record SamplerOptions
{
    /// <summary>The /proc root; tests point it at a fixture tree.</summary>
    public string ProcRoot { get; init; } = "/proc";

    /// <summary>The /sys root, under which <c>fs/cgroup</c> holds the cgroup hierarchy; tests point it at a fixture tree.</summary>
    public string SysRoot { get; init; } = "/sys";

    /// <summary>The passwd file that names uids.</summary>
    public string PasswdPath { get; init; } = "/etc/passwd";

    /// <summary>A path on the file system whose usage is reported as disk%.</summary>
    public string DiskPath { get; init; } = "/";

    /// <summary>Which users the users list shows.</summary>
    public UserFilter Filter { get; init; } = UserFilter.Default;

    /// <summary>Thresholds for the status classification.</summary>
    public Thresholds Thresholds { get; init; } = Thresholds.Default;

    /// <summary>Kernel clock ticks per second (USER_HZ), the unit of /proc CPU times.</summary>
    public int ClockTicksPerSecond { get; init; } = HostParameters.ClockTicksPerSecond;

    /// <summary>Page size in bytes, the unit of RSS in /proc/[pid]/stat.</summary>
    public int PageSize { get; init; } = Environment.SystemPageSize;

    /// <summary>The host name put in snapshots.</summary>
    public string Hostname { get; init; } = Environment.MachineName;
}

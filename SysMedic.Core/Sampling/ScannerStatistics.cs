namespace SysMedic.Core.Sampling;

/// <summary>Counters of a <see cref="ProcessScanner"/>'s life, for diagnostics and benchmarks.</summary>
public sealed class ScannerStatistics
{
    /// <summary>Processes seen for the first time (status and cmdline read).</summary>
    public long NewProcesses { get; internal set; }

    /// <summary>Processes that vanished or could not be read between listing and reading.</summary>
    public long Skipped { get; internal set; }

    /// <summary>Reads of /proc/[pid]/io (only for processes that used CPU since the last pass).</summary>
    public long IoReads { get; internal set; }

    /// <summary>Reads of /proc/[pid]/io that failed: another user's process without root, or a process that just ended.</summary>
    public long IoUnreadable { get; internal set; }

    /// <summary>Reads of /proc/[pid]/cgroup (once per process life, and at each exec).</summary>
    public long CgroupReads { get; internal set; }
}

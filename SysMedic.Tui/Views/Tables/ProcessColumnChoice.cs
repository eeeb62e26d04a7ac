namespace SysMedic.Tui.Views.Tables;

/// <summary>The optional columns of the Processes screen (View menu).</summary>
[Flags]
public enum ProcessColumnChoice
{
    /// <summary>The usual columns only.</summary>
    None = 0,

    /// <summary>PRI: the kernel's priority.</summary>
    Priority = 1,

    /// <summary>VIRT: virtual memory size.</summary>
    Virtual = 2,

    /// <summary>TIME+: CPU time used.</summary>
    CpuTime = 4,

    /// <summary>READ/s and WRITE/s: the process's disk I/O (from /proc/PID/io, root).</summary>
    DiskIo = 8,

    /// <summary>CGROUP: its service, container or user slice.</summary>
    Cgroup = 16,
}

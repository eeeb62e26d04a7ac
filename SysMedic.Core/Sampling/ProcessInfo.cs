using SysMedic.Core.ProcFs;

namespace SysMedic.Core.Sampling;

/// <summary>
/// What is read once per process life (keyed by pid and start time) instead of every pass: owner, user name,
/// command name, command line and cgroup. A new name (exec) or owner (setuid) is noticed on the next pass, and the
/// command line and cgroup are read again then.
/// </summary>
public sealed class ProcessInfo
{
    internal ProcessInfo(int pid, ulong startTimeTicks)
    {
        Pid = pid;
        StartTimeTicks = startTimeTicks;
    }

    /// <summary>Process id.</summary>
    public int Pid { get; }

    /// <summary>Start time after boot, in clock ticks; with the pid it tells a reused pid from the same process.</summary>
    public ulong StartTimeTicks { get; }

    /// <summary>Effective uid, as top shows it.</summary>
    public uint Uid { get; internal set; }

    /// <summary>User name of <see cref="Uid"/>, or the uid as a number when passwd has no entry.</summary>
    public string User { get; internal set; } = "";

    /// <summary>The kernel's comm exactly (up to 15 bytes); bytes that are not UTF-8 become U+FFFD.</summary>
    public string Name { get; internal set; } = "";

    /// <summary>Arguments joined by spaces; empty for kernel threads and zombies.</summary>
    public string Cmdline { get; internal set; } = "";

    /// <summary>
    /// The process's cgroup (v2 path, or systemd's v1 hierarchy), e.g. <c>/user.slice/user-1000.slice/session-3.scope</c>
    /// or <c>/system.slice/cron.service</c>; empty when it cannot be read.
    /// </summary>
    public string Cgroup { get; internal set; } = "";

    /// <summary>The uid of the systemd user slice (v2) the process lives in, or null.</summary>
    public uint? SliceUid { get; internal set; }

    internal byte[] CommBytes { get; set; } = [];

    internal byte[] CgroupBytes { get; set; } = [];

    /// <summary>Own CPU ticks at the last pass: unchanged means the process ran no code, so did no I/O either.</summary>
    internal ulong LastCpuTicks { get; set; } = ulong.MaxValue;

    internal PidIo Io { get; set; }

    internal bool IoKnown { get; set; }

    internal bool IoDenied { get; set; }

    /// <summary>It used CPU since its io was last read, and the read was put off (<see cref="IoReadBudget"/>).</summary>
    internal bool IoDue { get; set; }

    internal uint OwnerUid { get; set; } = uint.MaxValue;

    internal int PasswdVersion { get; set; }

    internal int Generation { get; set; }
}

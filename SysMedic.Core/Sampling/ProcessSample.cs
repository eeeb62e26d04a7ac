namespace SysMedic.Core.Sampling;

/// <summary>
/// Raw counters of one process at an instant: times in clock ticks, memory in pages, I/O in bytes (the I/O of the
/// children it waited for included, as the kernel counts it).
/// </summary>
public readonly record struct ProcessSample(
    ProcessInfo Info,
    int Ppid,
    byte State,
    int Priority,
    int Nice,
    int Threads,
    ulong CpuTicks,
    long RssPages)
{
    /// <summary>Process id.</summary>
    public int Pid => Info.Pid;

    /// <summary>CPU time of the children this process waited for (cutime + cstime), in clock ticks.</summary>
    public ulong ChildrenCpuTicks { get; init; }

    /// <summary>Bytes read from storage (<c>read_bytes</c> of /proc/[pid]/io), when <see cref="IoKnown"/>.</summary>
    public ulong ReadBytes { get; init; }

    /// <summary>Bytes written to storage (<c>write_bytes</c>), when <see cref="IoKnown"/>.</summary>
    public ulong WriteBytes { get; init; }

    /// <summary>Whether /proc/[pid]/io could be read (root, or the process's owner).</summary>
    public bool IoKnown { get; init; }
}

namespace SysMedic.Core.Sampling;

/// <summary>
/// What one process used between two readings: its own CPU ticks, the ticks of the children it reaped that were
/// not counted already, and its disk bytes (when its /proc/[pid]/io could be read at both ends).
/// </summary>
internal struct ProcessDelta
{
    /// <summary>utime + stime used in the interval, in clock ticks.</summary>
    public ulong OwnTicks;

    /// <summary>cutime + cstime gained in the interval, less what its children had used while they were seen, in clock ticks.</summary>
    public ulong ChildrenTicks;

    /// <summary>read_bytes gained, less what its children had read while they were seen.</summary>
    public ulong ReadBytes;

    /// <summary>write_bytes gained, less what its children had written while they were seen.</summary>
    public ulong WriteBytes;

    /// <summary>Whether the disk bytes are known.</summary>
    public bool IoKnown;

    /// <summary>Whether the process started in the interval.</summary>
    public bool IsNew;
}

namespace SysMedic.Core.ProcFs;

/// <summary>Cumulative CPU time of the <c>cpu</c> line of <c>/proc/stat</c>, in clock ticks summed over all CPUs.</summary>
public readonly record struct CpuTimes(
    ulong User,
    ulong Nice,
    ulong System,
    ulong Idle,
    ulong IoWait,
    ulong Irq,
    ulong SoftIrq,
    ulong Steal)
{
    /// <summary>All time, in ticks. Guest time is already inside user and nice, so it is not added again.</summary>
    public ulong Total => User + Nice + System + Idle + IoWait + Irq + SoftIrq + Steal;

    /// <summary>Time with nothing to run, in ticks: idle plus waiting for I/O.</summary>
    public ulong IdleTotal => Idle + IoWait;
}

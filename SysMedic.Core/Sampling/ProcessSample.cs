namespace SysMedic.Core.Sampling;

/// <summary>Raw counters of one process at an instant: times in clock ticks, memory in pages.</summary>
public readonly record struct ProcessSample(
    ProcessInfo Info,
    int Ppid,
    byte State,
    int Priority,
    int Nice,
    int Threads,
    ulong CpuTicks,
    long RssPages,
    ulong VirtualBytes = 0)
{
    /// <summary>Process id.</summary>
    public int Pid => Info.Pid;
}

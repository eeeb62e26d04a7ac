namespace SysMedic.Core.ProcFs;

/// <summary>Cumulative counters of one network interface from <c>/proc/net/dev</c>, in bytes and packets.</summary>
public readonly record struct InterfaceCounters(string Name, ulong RxBytes, ulong RxPackets, ulong TxBytes, ulong TxPackets)
{
    /// <summary>True for the loopback interface, shown but never counted in totals.</summary>
    public bool IsLoopback => Name == "lo";
}

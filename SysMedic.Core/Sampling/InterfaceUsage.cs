namespace SysMedic.Core.Sampling;

/// <summary>One network interface over a sampling interval, in bytes per second.</summary>
public sealed record InterfaceUsage(string Name, double RxBytesPerSec, double TxBytesPerSec, bool IsLoopback);

using System.Text.Json.Serialization;

namespace SysMedic.Core.Sampling;

/// <summary>One network interface over a sampling interval, in bytes per second.</summary>
public sealed record InterfaceUsage(string Name, double RxBytesPerSec, double TxBytesPerSec, bool IsLoopback)
{
    /// <summary>Bytes received since boot (the kernel's counter in <c>/proc/net/dev</c>); null from older agents.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ulong? RxBytes { get; init; }

    /// <summary>Bytes sent since boot (the kernel's counter in <c>/proc/net/dev</c>); null from older agents.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ulong? TxBytes { get; init; }
}

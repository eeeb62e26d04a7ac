using System.Text.Json.Serialization;

namespace SysMedic.Core.Sampling;

/// <summary>
/// The whole host over a sampling interval. CPU% over all cores (all cores = 100); memory used = MemTotal -
/// MemAvailable; network totals exclude loopback.
/// </summary>
public sealed record SystemUsage(
    double CpuPercent,
    double MemoryPercent,
    long MemoryUsedBytes,
    long MemoryTotalBytes,
    double DiskPercent,
    double NetworkRxBytesPerSec,
    double NetworkTxBytesPerSec,
    [property: JsonPropertyName("load_avg_1")] double LoadAvg1,
    [property: JsonPropertyName("load_avg_5")] double LoadAvg5,
    [property: JsonPropertyName("load_avg_15")] double LoadAvg15,
    double UptimeSeconds,
    int CpuCount)
{
    /// <summary>Bytes used and total of the file system holding the disk path (<c>/</c>).</summary>
    public long DiskUsedBytes { get; init; }

    /// <summary>Size of the file system holding the disk path, in bytes.</summary>
    public long DiskTotalBytes { get; init; }

    /// <summary>Swap in use, in bytes.</summary>
    public long SwapUsedBytes { get; init; }

    /// <summary>Swap size, in bytes.</summary>
    public long SwapTotalBytes { get; init; }

    /// <summary>Processes running and runnable now.</summary>
    public int ProcsRunning { get; init; }

    /// <summary>Processes started (forks) on the whole machine in the interval.</summary>
    public long ProcessesStarted { get; init; }

    /// <summary>Pressure stall information; absent when the kernel has none (no <c>/proc/pressure</c>).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ResourcePressure? Pressure { get; init; }
}

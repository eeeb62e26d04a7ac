using System.Text.Json.Serialization;

namespace SysMedic.Core.Sampling;

/// <summary>
/// One user over a sampling interval: CPU% as a share of the machine, memory% of RAM, resident bytes. CPU is exact
/// (<see cref="CpuSeconds"/>): it includes the processes that started and ended inside the interval, so it can be
/// more than the sum of the user's processes listed.
/// </summary>
public sealed record UserUsage(
    string Username,
    uint Uid,
    double CpuPercent,
    double MemoryPercent,
    long RssBytes,
    int ProcessCount,
    IReadOnlyList<int> Pids)
{
    /// <summary>CPU core-seconds the user used in the interval (see docs/cli.md, Numbers).</summary>
    public double CpuSeconds { get; init; }

    /// <summary>The part of <see cref="CpuSeconds"/> used by processes that ended in the interval, counted through the parents that reaped them.</summary>
    public double ExitedCpuSeconds { get; init; }

    /// <summary>Whether <see cref="CpuSeconds"/> comes from the user's systemd slice (cgroup v2) rather than from processes.</summary>
    public bool CpuFromSlice { get; init; }

    /// <summary>Bytes per second read from storage by the user's processes; absent when none of their I/O could be read (not root).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DiskReadBytesPerSec { get; init; }

    /// <summary>Bytes per second written to storage by the user's processes; absent when unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DiskWriteBytesPerSec { get; init; }

    /// <summary>Bytes read from storage in the interval.</summary>
    [JsonIgnore]
    public long DiskReadBytes { get; init; }

    /// <summary>Bytes written to storage in the interval.</summary>
    [JsonIgnore]
    public long DiskWriteBytes { get; init; }

    /// <summary>Processes that started in the interval and were still there at its end (shorter ones are in <see cref="CpuSeconds"/> only).</summary>
    public int NewProcesses { get; init; }

    /// <summary>Pressure of the user's slice; absent without one.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public ResourcePressure? Pressure { get; init; }
}

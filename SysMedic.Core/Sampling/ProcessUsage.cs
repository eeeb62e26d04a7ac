using System.Text.Json.Serialization;

namespace SysMedic.Core.Sampling;

/// <summary>One process over a sampling interval. CPU% is a share of the whole machine (all cores = 100).</summary>
public sealed record ProcessUsage(
    int Pid,
    int Ppid,
    uint Uid,
    string User,
    string Name,
    char State,
    double CpuPercent,
    double MemoryPercent,
    long RssBytes,
    int Threads,
    string Cmdline)
{
    /// <summary>Nice value, -20..19.</summary>
    public int Nice { get; init; }

    /// <summary>CPU time used since the process started, in seconds.</summary>
    public double CpuTimeSeconds { get; init; }

    /// <summary>When the process started, in seconds after boot (with the pid, it tells a reused pid apart).</summary>
    [JsonIgnore]
    public double StartTimeSeconds { get; init; }

    /// <summary>Bytes per second read from storage (its reaped children's included); absent when /proc/[pid]/io cannot be read.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DiskReadBytesPerSec { get; init; }

    /// <summary>Bytes per second written to storage; absent when unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public double? DiskWriteBytesPerSec { get; init; }

    /// <summary>The process's cgroup (<c>/system.slice/cron.service</c>, <c>/user.slice/user-1000.slice/session-3.scope</c>); absent when unknown.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public string? Cgroup { get; init; }
}

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

    /// <summary>The kernel's priority (20 + nice for ordinary processes, negative for real-time ones), as top's PR.</summary>
    public int Priority { get; init; }

    /// <summary>Virtual memory size, in bytes (top's VIRT).</summary>
    public long VirtualBytes { get; init; }

    /// <summary>CPU time used since the process started, in seconds.</summary>
    public double CpuTimeSeconds { get; init; }

    /// <summary>When the process started, in seconds after boot (with the pid, it tells a reused pid apart).</summary>
    [System.Text.Json.Serialization.JsonIgnore]
    public double StartTimeSeconds { get; init; }
}

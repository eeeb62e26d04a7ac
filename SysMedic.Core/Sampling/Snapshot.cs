using System.Text.Json.Serialization;
using SysMedic.Core.Health;

namespace SysMedic.Core.Sampling;

/// <summary>What the host looked like over one sampling interval: system, users (filtered) and every process.</summary>
public sealed record Snapshot(
    DateTimeOffset Timestamp,
    string Hostname,
    SystemStatus Status,
    SystemUsage System,
    IReadOnlyList<UserUsage> Users,
    IReadOnlyList<ProcessUsage> Processes)
{
    /// <summary>Every network interface, loopback included.</summary>
    public IReadOnlyList<InterfaceUsage> Interfaces { get; init; } = [];

    /// <summary>The interval the rates cover; zero for a first reading with nothing to compare.</summary>
    [JsonIgnore]
    public TimeSpan Interval { get; init; }

    /// <summary>Every user with a process or a slice, before the filtering rules (what a check window sums).</summary>
    [JsonIgnore]
    public IReadOnlyList<UserUsage> AllUsers { get; init; } = [];

    /// <summary>Every user's CPU and disk use since the sampler started; absent from older agents.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public UsageTotals? Totals { get; init; }
}

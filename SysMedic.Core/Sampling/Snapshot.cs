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
}

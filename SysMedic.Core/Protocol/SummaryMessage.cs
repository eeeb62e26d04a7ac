using System.Text.Json.Serialization;
using SysMedic.Core.Health;

namespace SysMedic.Core.Protocol;

/// <summary>
/// The host in a few hundred bytes, pushed by the relay every update interval to a client on the summary feed (a
/// fleet view's row): status, CPU, memory and 1-minute load of the whole host, how many users the filtering rules
/// show, the busiest of them by CPU, the users persistently over a threshold now and the unresolved alerts.
/// </summary>
public sealed record SummaryMessage(
    DateTimeOffset Timestamp,
    string Host,
    SystemStatus Status,
    double CpuPercent,
    double MemoryPercent,
    [property: JsonPropertyName("load_avg_1")] double LoadAvg1,
    int CpuCount,
    int Users,
    string? TopUser,
    double TopUserCpuPercent,
    IReadOnlyList<string> PersistentUsers,
    int UnresolvedAlerts) : ProtocolMessage
{
    /// <summary>When the relay handed it to its clients.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Whether the agent can store history and alerts; absent while it can.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StorageInfo? Storage { get; init; }

    /// <summary>The summary of <paramref name="message"/>: what a fleet row shows of a full snapshot.</summary>
    public static SummaryMessage From(SnapshotMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        Sampling.Snapshot s = message.Snapshot;
        Sampling.UserUsage? top = null;
        foreach (Sampling.UserUsage user in s.Users)
        {
            if (top is null || user.CpuPercent > top.CpuPercent || (user.CpuPercent == top.CpuPercent && string.CompareOrdinal(user.Username, top.Username) < 0))
            {
                top = user;
            }
        }

        List<string> persistent = [.. message.PersistentUsers
            .Where(p => p.Persistent && p.EndTime is null)
            .Select(p => p.Username)
            .Distinct(StringComparer.Ordinal)
            .Order(StringComparer.Ordinal)];
        return new SummaryMessage(
            s.Timestamp,
            s.Hostname,
            s.Status,
            s.System.CpuPercent,
            s.System.MemoryPercent,
            s.System.LoadAvg1,
            s.System.CpuCount,
            s.Users.Count,
            top?.Username,
            top?.CpuPercent ?? 0,
            persistent,
            message.UnresolvedAlerts)
        {
            Storage = message.Storage is { Available: false } storage ? storage : null,
        };
    }
}

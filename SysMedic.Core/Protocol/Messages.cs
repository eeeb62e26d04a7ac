using System.Text.Json.Serialization;
using SysMedic.Core.Sampling;

namespace SysMedic.Core.Protocol;

/// <summary>First message from the server: who it is and what it can do.</summary>
public sealed record HelloMessage(
    int ProtocolVersion,
    string Role,
    string Host,
    string AgentVersion,
    string Kernel,
    int CpuCount,
    long MemoryTotalBytes,
    double LiveIntervalSeconds,
    IReadOnlyList<string> Capabilities) : ProtocolMessage;

/// <summary>The host now, pushed every live interval (relay: every update interval).</summary>
public sealed record SnapshotMessage(
    Snapshot Snapshot,
    IReadOnlyList<PersistentUserInfo> PersistentUsers,
    int UnresolvedAlerts,
    ThresholdsInfo Thresholds) : ProtocolMessage
{
    /// <summary>Relay only: when the relay handed this snapshot to its clients (a client's receipt minus this is the delivery delay).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public DateTimeOffset? SentAt { get; init; }

    /// <summary>Relay only: how many processes the host had when <see cref="Snapshot"/> carries only the busiest.</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public int? ProcessesTotal { get; init; }

    /// <summary>Whether the agent can store history and alerts (absent from older agents).</summary>
    [JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)]
    public StorageInfo? Storage { get; init; }
}

/// <summary>An alert was raised or resolved.</summary>
public sealed record AlertMessage(string Event, AlertInfo Alert) : ProtocolMessage
{
    public const string Raised = "raised";
    public const string Resolved = "resolved";
}

/// <summary>Something went wrong with a request (<see cref="Id"/> set) or with a message that had none.</summary>
public sealed record ErrorMessage(string? Id, string Code, string Message) : ProtocolMessage
{
    public const string BadJson = "bad_json";
    public const string UnknownType = "unknown_type";
    public const string TooLarge = "too_large";
    public const string BadRequest = "bad_request";
    public const string NotFound = "not_found";
    public const string Unavailable = "unavailable";
    public const string Internal = "internal";

    /// <summary>The kernel refused an action (EPERM, EACCES): the asker may not signal or renice that process.</summary>
    public const string NotPermitted = "not_permitted";

    /// <summary>Actions are turned off for this client (a remote console without <c>websocket.allow_actions</c>).</summary>
    public const string Forbidden = "forbidden";
}

/// <summary>From the relay: the doctor does not answer; the relay keeps trying and says when it is back (hello).</summary>
public sealed record DoctorUnavailableMessage(string Reason) : ProtocolMessage;

/// <summary>History for charts: <c>system</c>, or one <c>user</c>, over the last <see cref="RangeSeconds"/>, in at most <see cref="Buckets"/> points.</summary>
public sealed record HistoryRequest(string Id, string Scope, string? User, long RangeSeconds, int Buckets) : RequestMessage(Id)
{
    public const string SystemScope = "system";
    public const string UserScope = "user";
}

/// <summary>Alerts, unresolved first; <see cref="All"/> includes resolved ones.</summary>
public sealed record AlertsRequest(string Id, bool All, int Limit) : RequestMessage(Id);

/// <summary>Resolve one alert with a note and who did it.</summary>
public sealed record ResolveAlertRequest(string Id, long AlertId, string Note, string By) : RequestMessage(Id);

/// <summary>One user's processes, thresholds and persistent episodes.</summary>
public sealed record UserDetailRequest(string Id, string User) : RequestMessage(Id);

/// <summary>The configuration in force, secrets redacted.</summary>
public sealed record ConfigRequest(string Id) : RequestMessage(Id);

/// <summary>
/// Socket only: whether this client wants snapshots at the live interval now (every client does when it connects).
/// The relay says no while no remote console is connected, so the doctor can sample at its idle pace.
/// </summary>
public sealed record WatchRequest(string Id, bool Live) : RequestMessage(Id);

/// <summary>The moment the agent recorded at or before <see cref="At"/>: what was running then.</summary>
public sealed record MomentRequest(string Id, DateTimeOffset At) : RequestMessage(Id);

/// <summary>
/// A recorded moment: <see cref="Snapshot"/> as at the check that ended at <see cref="RecordedAt"/> (system and user
/// figures over its window of <see cref="WindowSeconds"/>, the processes recorded then), asked for <see cref="At"/>.
/// <see cref="ProcessesTotal"/> is how many processes were running.
/// </summary>
public sealed record MomentResult(string Id, DateTimeOffset At, DateTimeOffset RecordedAt, double WindowSeconds, int ProcessesTotal, Snapshot Snapshot) : ResultMessage(Id);

/// <summary>Points of a history chart, oldest first.</summary>
public sealed record HistoryResult(string Id, string Scope, string? User, IReadOnlyList<HistoryPoint> Points) : ResultMessage(Id);

/// <summary>Alerts, unresolved first.</summary>
public sealed record AlertsResult(string Id, IReadOnlyList<AlertInfo> Alerts) : ResultMessage(Id);

/// <summary>The alert as resolved.</summary>
public sealed record ResolveAlertResult(string Id, AlertInfo Alert) : ResultMessage(Id);

/// <summary>One user in detail.</summary>
public sealed record UserDetailResult(
    string Id,
    string User,
    uint? Uid,
    IReadOnlyList<ProcessUsage> Processes,
    UserThresholdInfo Threshold,
    IReadOnlyList<PersistentUserInfo> Episodes) : ResultMessage(Id);

/// <summary>What the doctor took from a <see cref="WatchRequest"/>.</summary>
public sealed record WatchResult(string Id, bool Live) : ResultMessage(Id);

/// <summary>The configuration as key paths and display values, secrets shown as <c>********</c>.</summary>
public sealed record ConfigResult(string Id, IReadOnlyDictionary<string, string> Values) : ResultMessage(Id);

/// <summary>
/// Relay only: which feed this client wants pushed every update interval, <see cref="Snapshots"/> (every client
/// starts with it) or <see cref="Summaries"/> (a fleet view: one <see cref="SummaryMessage"/> per interval instead of
/// the whole snapshot). Alerts are pushed on either feed.
/// </summary>
public sealed record SubscribeRequest(string Id, string Feed) : RequestMessage(Id)
{
    public const string Snapshots = "snapshot";
    public const string Summaries = "summary";

    /// <summary>Whether <paramref name="feed"/> is one of the feeds.</summary>
    public static bool IsFeed(string? feed) => feed is Snapshots or Summaries;
}

/// <summary>The feed in force after a <see cref="SubscribeRequest"/>.</summary>
public sealed record SubscribeResult(string Id, string Feed) : ResultMessage(Id);

using System.Text.Json.Serialization;
using SysMedic.Core.Alerts;

namespace SysMedic.Core.Protocol;

/// <summary>
/// An alert on the wire (and in the CLI's JSON). Percentages are of the machine; resolution fields are null until
/// resolved; <see cref="Subject"/> names the condition (absent from older agents).
/// </summary>
public sealed record AlertInfo(
    long Id,
    DateTimeOffset Timestamp,
    AlertType AlertType,
    AlertSeverity Severity,
    string Message,
    double SystemCpuPercent,
    double SystemMemoryPercent,
    int DurationMinutes,
    string PrimaryCause,
    string UserDetails,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? ResolutionNote,
    string? Subject = null)
{
    /// <summary>The alert as it travels.</summary>
    public static AlertInfo From(Alert a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return new(a.Id, a.Timestamp, a.Type, a.Severity, a.Message, a.SystemCpuPercent, a.SystemMemoryPercent, a.DurationMinutes, a.PrimaryCause, a.UserDetails, a.ResolvedAt, a.ResolvedBy, a.ResolutionNote, a.Subject);
    }

    /// <summary>The alert it describes.</summary>
    public Alert ToAlert() =>
        new(Id, Timestamp, AlertType, Severity, Subject ?? "", Message, SystemCpuPercent, SystemMemoryPercent, DurationMinutes, PrimaryCause ?? "", UserDetails ?? "", ResolvedAt, ResolvedBy, ResolutionNote);
}

/// <summary>A user's episode over a threshold; <see cref="Persistent"/> once it lasted the persistent time.</summary>
public sealed record PersistentUserInfo(
    string Username,
    string Metric,
    DateTimeOffset StartTime,
    DateTimeOffset? EndTime,
    double PeakUsage,
    double AverageUsage,
    int SampleCount,
    bool Persistent);

/// <summary>
/// One chart point: average and peak over its bucket. System points also carry the disk use (the bucket's highest),
/// the network rates and the 1-minute load (averages); user points leave them out.
/// </summary>
public sealed record HistoryPoint(
    DateTimeOffset Timestamp,
    double CpuPercent,
    double CpuPeak,
    double MemoryPercent,
    double MemoryPeak,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? DiskPercent = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? NetworkRxBytesPerSec = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] double? NetworkTxBytesPerSec = null,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull), JsonPropertyName("load_avg_1")] double? LoadAvg1 = null);

/// <summary>A user's thresholds and whether they are an override.</summary>
public sealed record UserThresholdInfo(double CpuPercent, double MemoryPercent, bool Custom);

/// <summary>The thresholds in force, for threshold lines on charts.</summary>
public sealed record ThresholdsInfo(
    double SystemCpuPercent,
    double SystemMemoryPercent,
    double UserCpuPercent,
    double UserMemoryPercent,
    IReadOnlyDictionary<string, UserThresholdInfo> PerUser);

/// <summary>
/// Whether the agent can write its history database. While it cannot (<see cref="Available"/> false since
/// <see cref="Since"/>, for <see cref="Reason"/>: <c>disk full</c>, <c>read-only</c>, ...), monitoring goes on and
/// the alerts raised are kept in memory (<see cref="UnstoredAlerts"/>) until they can be stored and sent.
/// </summary>
public sealed record StorageInfo(bool Available, DateTimeOffset? Since = null, string? Reason = null, int UnstoredAlerts = 0)
{
    /// <summary>Storage works.</summary>
    public static StorageInfo Ok { get; } = new(true);

    /// <summary>One line for a status display: <c>storage: unavailable since 2026-12-06 03:00:00 UTC (disk full)</c>.</summary>
    public string Describe()
    {
        if (Available)
        {
            return "storage: ok";
        }

        string since = Since is { } at ? " since " + at.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture) + " UTC" : "";
        string kept = UnstoredAlerts > 0 ? string.Create(System.Globalization.CultureInfo.InvariantCulture, $", {UnstoredAlerts} alert{(UnstoredAlerts == 1 ? "" : "s")} kept in memory") : "";
        return $"storage: unavailable{since} ({Reason ?? "unknown"}){kept}";
    }
}

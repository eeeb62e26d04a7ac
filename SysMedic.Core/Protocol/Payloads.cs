using System.Text.Json.Serialization;

namespace SysMedic.Core.Protocol;

/// <summary>An alert on the wire. Percentages are of the machine; resolution fields are null until resolved.</summary>
public sealed record AlertInfo(
    long Id,
    DateTimeOffset Timestamp,
    string AlertType,
    string Severity,
    string Message,
    double SystemCpuPercent,
    double SystemMemoryPercent,
    int DurationMinutes,
    string PrimaryCause,
    string UserDetails,
    DateTimeOffset? ResolvedAt,
    string? ResolvedBy,
    string? ResolutionNote);

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

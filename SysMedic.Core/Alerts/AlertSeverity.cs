using System.Text.Json.Serialization;

namespace SysMedic.Core.Alerts;

/// <summary>How urgent an alert is, lowest first; on the wire and in the database as <c>low</c> ... <c>critical</c>.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<AlertSeverity>))]
public enum AlertSeverity
{
    /// <summary>Approaching a system threshold (over 60% of it); also recoveries.</summary>
    [JsonStringEnumMemberName("low")]
    Low,

    /// <summary>A user over their threshold.</summary>
    [JsonStringEnumMemberName("medium")]
    Medium,

    /// <summary>The system over a threshold, or a persistent user.</summary>
    [JsonStringEnumMemberName("high")]
    High,

    /// <summary>The system over a threshold while users are persistent.</summary>
    [JsonStringEnumMemberName("critical")]
    Critical,
}

namespace SysMedic.Core.Alerts;

/// <summary>The stored and displayed names of alert types and severities (snake_case, as in the database and JSON).</summary>
public static class AlertText
{
    /// <summary><c>system</c>, <c>user</c>, <c>persistent_user</c> or <c>recovery</c>.</summary>
    public static string ToKey(this AlertType type) => type switch
    {
        AlertType.System => "system",
        AlertType.User => "user",
        AlertType.PersistentUser => "persistent_user",
        _ => "recovery",
    };

    /// <summary><c>low</c>, <c>medium</c>, <c>high</c> or <c>critical</c>.</summary>
    public static string ToKey(this AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => "critical",
        AlertSeverity.High => "high",
        AlertSeverity.Medium => "medium",
        _ => "low",
    };

    /// <summary>Parses a stored type; null when unknown.</summary>
    public static AlertType? ParseType(string key) => key switch
    {
        "system" => AlertType.System,
        "user" => AlertType.User,
        "persistent_user" => AlertType.PersistentUser,
        "recovery" => AlertType.Recovery,
        _ => null,
    };

    /// <summary>Parses a stored severity (any case); null when unknown.</summary>
    public static AlertSeverity? ParseSeverity(string key) => key.ToUpperInvariant() switch
    {
        "CRITICAL" => AlertSeverity.Critical,
        "HIGH" => AlertSeverity.High,
        "MEDIUM" => AlertSeverity.Medium,
        "LOW" => AlertSeverity.Low,
        _ => null,
    };
}

namespace SysMedic.Core.Alerts;

/// <summary>How urgent an alert is, lowest first.</summary>
public enum AlertSeverity
{
    /// <summary>Approaching a system threshold (over 60% of it); also recoveries.</summary>
    Low,

    /// <summary>A user over their threshold.</summary>
    Medium,

    /// <summary>The system over a threshold, or a persistent user.</summary>
    High,

    /// <summary>The system over a threshold while users are persistent.</summary>
    Critical,
}

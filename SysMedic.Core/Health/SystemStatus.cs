using System.Text.Json.Serialization;

namespace SysMedic.Core.Health;

/// <summary>The host's state at a glance, as the status classification rules decide it.</summary>
[JsonConverter(typeof(SystemStatusJsonConverter))]
public enum SystemStatus
{
    /// <summary>Nothing near a threshold.</summary>
    Light,

    /// <summary>System above 60% of a threshold, or a user over their own threshold.</summary>
    Medium,

    /// <summary>System over a threshold, or a persistent user.</summary>
    Heavy,
}

namespace SysMedic.Core.Health;

/// <summary>The words operators see for each <see cref="SystemStatus"/>, the same in every output.</summary>
public static class SystemStatusText
{
    /// <summary>"Light Usage", "Medium Usage" or "Heavy Load".</summary>
    public static string ToDisplay(this SystemStatus status) => status switch
    {
        SystemStatus.Heavy => "Heavy Load",
        SystemStatus.Medium => "Medium Usage",
        _ => "Light Usage",
    };

    /// <summary>Parses the display text back; null when it is none of them.</summary>
    public static SystemStatus? Parse(string text) => text switch
    {
        "Heavy Load" => SystemStatus.Heavy,
        "Medium Usage" => SystemStatus.Medium,
        "Light Usage" => SystemStatus.Light,
        _ => null,
    };
}

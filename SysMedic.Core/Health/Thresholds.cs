namespace SysMedic.Core.Health;

/// <summary>
/// System thresholds (monitoring.cpu_threshold, monitoring.memory_threshold), the default user thresholds (users.*)
/// and per-user overrides (user_thresholds), all in percent of the machine.
/// </summary>
public sealed record Thresholds
{
    /// <summary>The guide's defaults: 80% everywhere, no overrides.</summary>
    public static Thresholds Default { get; } = new();

    /// <summary>System CPU threshold, percent.</summary>
    public double SystemCpuPercent { get; init; } = 80;

    /// <summary>System memory threshold, percent.</summary>
    public double SystemMemoryPercent { get; init; } = 80;

    /// <summary>Threshold for users without an override.</summary>
    public UserThreshold DefaultUser { get; init; } = new(80, 80);

    /// <summary>Per-user overrides by user name.</summary>
    public IReadOnlyDictionary<string, UserThreshold> PerUser { get; init; } = new Dictionary<string, UserThreshold>();

    /// <summary>The threshold that applies to <paramref name="username"/>: the override, else the default.</summary>
    public UserThreshold For(string username) => PerUser.TryGetValue(username, out UserThreshold t) ? t : DefaultUser;
}

namespace SysMedic.Core.Config;

/// <summary>
/// The whole configuration, as the file, the defaults and the environment make it. Immutable: a reload produces a
/// new instance. Load it with <see cref="ConfigLoader"/>.
/// </summary>
public sealed record SysMedicConfig
{
    /// <summary>The <c>monitoring</c> section.</summary>
    public MonitoringSection Monitoring { get; init; } = new();

    /// <summary>The <c>users</c> section (default per-user thresholds).</summary>
    public UsersSection Users { get; init; } = new();

    /// <summary>The <c>user_thresholds</c> section: user name to that user's own thresholds.</summary>
    public IReadOnlyDictionary<string, UserThreshold> UserThresholds { get; init; } = new Dictionary<string, UserThreshold>();

    /// <summary>The <c>user_filtering</c> section.</summary>
    public UserFilteringSection UserFiltering { get; init; } = new();

    /// <summary>The <c>websocket</c> section.</summary>
    public WebSocketSection WebSocket { get; init; } = new();

    /// <summary>The <c>email</c> section.</summary>
    public EmailSection Email { get; init; } = new();

    /// <summary>The <c>alerts</c> section.</summary>
    public AlertsSection Alerts { get; init; } = new();

    /// <summary>The <c>storage</c> section.</summary>
    public StorageSection Storage { get; init; } = new();

    /// <summary>The <c>console</c> section.</summary>
    public ConsoleSection Console { get; init; } = new();

    /// <summary>The directory holding the database (the PID files are in the runtime directory).</summary>
    public string DataPath { get; init; } = "/var/lib/sysmedic";

    /// <summary>Days of history kept in the database.</summary>
    public int DatabaseRetentionDays { get; init; } = 30;

    /// <summary>The directory log files are written to.</summary>
    public string LogPath { get; init; } = "/var/log/sysmedic";

    /// <summary>The built-in defaults for a file layout: data and logs go where <paramref name="paths"/> says.</summary>
    public static SysMedicConfig DefaultsFor(SysMedicPaths paths) =>
        new() { DataPath = paths.DataDirectory, LogPath = paths.LogDirectory };

    /// <summary>The CPU threshold, in percent, that applies to <paramref name="user"/>.</summary>
    public double CpuThresholdFor(string user) =>
        UserThresholds.TryGetValue(user, out var own) && own.CpuThreshold is { } cpu ? cpu : Users.CpuThreshold;

    /// <summary>The memory threshold, in percent, that applies to <paramref name="user"/>.</summary>
    public double MemoryThresholdFor(string user) =>
        UserThresholds.TryGetValue(user, out var own) && own.MemoryThreshold is { } memory ? memory : Users.MemoryThreshold;
}

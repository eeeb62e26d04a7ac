using SysMedic.Core.Alerts;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Core.Config;

/// <summary>Turns the configuration into the settings of the parts that use it.</summary>
public static class ConfigMapping
{
    /// <summary>The file name of the database inside <c>data_path</c>.</summary>
    public const string DatabaseFileName = "sysmedic.db";

    /// <summary>System thresholds, the users' default and every per-user override (a missing half takes the default).</summary>
    public static Thresholds ToThresholds(this SysMedicConfig config)
    {
        var perUser = new Dictionary<string, Health.UserThreshold>(StringComparer.Ordinal);
        foreach (string user in config.UserThresholds.Keys)
        {
            perUser[user] = new Health.UserThreshold(config.CpuThresholdFor(user), config.MemoryThresholdFor(user));
        }

        return new Thresholds
        {
            SystemCpuPercent = config.Monitoring.CpuThreshold,
            SystemMemoryPercent = config.Monitoring.MemoryThreshold,
            DefaultUser = new Health.UserThreshold(config.Users.CpuThreshold, config.Users.MemoryThreshold),
            PerUser = perUser,
        };
    }

    /// <summary>The user_filtering rules.</summary>
    public static UserFilter ToUserFilter(this UserFilteringSection section) => new()
    {
        MinUidForRealUsers = (uint)Math.Max(0, section.MinUidForRealUsers),
        IgnoreSystemUsers = section.IgnoreSystemUsers,
        MinCpuPercent = section.MinCpuPercent,
        MinMemoryPercent = section.MinMemoryPercent,
        ExcludedUsers = new HashSet<string>(section.ExcludedUsers, StringComparer.Ordinal),
    };

    /// <summary>Sampler settings for the live host with this configuration's rules.</summary>
    public static SamplerOptions ToSamplerOptions(this SysMedicConfig config, SamplerOptions? basis = null) =>
        (basis ?? new SamplerOptions()) with { Filter = config.UserFiltering.ToUserFilter(), Thresholds = config.ToThresholds() };

    /// <summary>
    /// The address the relay listens on for <c>websocket.bind</c>: an IP address, <c>*</c> or empty (every IPv4
    /// address) or <c>localhost</c>; false for anything else (a host name is not resolved).
    /// </summary>
    public static bool TryParseBind(string bind, [System.Diagnostics.CodeAnalysis.NotNullWhen(true)] out System.Net.IPAddress? address)
    {
        address = bind switch
        {
            "*" or "" => System.Net.IPAddress.Any,
            "localhost" => System.Net.IPAddress.Loopback,
            _ => System.Net.IPAddress.TryParse(bind, out System.Net.IPAddress? ip) ? ip : null,
        };
        return address is not null;
    }

    /// <summary>Where the database is: <c>data_path/sysmedic.db</c>.</summary>
    public static string DatabasePath(this SysMedicConfig config) => Path.Combine(config.DataPath, DatabaseFileName);

    /// <summary>How long users stay over their threshold before they are persistent.</summary>
    /// <summary>The memory pressure rule of <c>monitoring.memory_pressure_*</c>; null when its threshold is 0 (off).</summary>
    public static MemoryPressureRule? ToMemoryPressureRule(this MonitoringSection monitoring) =>
        monitoring.MemoryPressureThreshold > 0 ? new MemoryPressureRule(monitoring.MemoryPressureThreshold, TimeSpan.FromMinutes(monitoring.MemoryPressureMinutes)) : null;

    /// <summary>When alert conditions clear: <c>alerts.clear_margin_percent</c> and <c>alerts.clear_after_minutes</c>.</summary>
    public static AlertClearing ToClearing(this AlertsSection alerts) =>
        new(alerts.ClearMarginPercent, TimeSpan.FromMinutes(alerts.ClearAfterMinutes));

    public static TimeSpan UserPersistentTime(this SysMedicConfig config) => TimeSpan.FromMinutes(config.Users.PersistentTime);
}

using K = SysMedic.Core.Config.ConfigValueKinds;

namespace SysMedic.Core.Config;

/// <summary>Every configuration key, in the order the documented default file lists them.</summary>
public static class ConfigKeys
{
    /// <summary>The section holding one mapping per user; its keys are not in <see cref="All"/>.</summary>
    public const string UserThresholdsSection = "user_thresholds";

    /// <summary>The keys allowed under each user of <c>user_thresholds</c>.</summary>
    public static readonly IReadOnlyList<string> UserThresholdNames = ["cpu_threshold", "memory_threshold"];

    /// <summary>All fixed keys (everything except the per-user entries of <c>user_thresholds</c>).</summary>
    public static readonly IReadOnlyList<ConfigKey> All =
    [
        .. MonitoringKeys(),
        .. UsersKeys(),
        .. UserFilteringKeys(),
        .. WebSocketKeys(),
        .. EmailKeys(),
        .. AlertsKeys(),
        new("storage.processes_per_check", K.Whole(0, 500), "Processes recorded at each check, the busiest by CPU and by memory (0: none)",
            c => c.Storage.ProcessesPerCheck, (c, v) => c with { Storage = c.Storage with { ProcessesPerCheck = (int)v } }),
        new("console.readonly", K.Boolean(), "A read-only console: no signal, renice or resolve (as --readonly)",
            c => c.Console.ReadOnly, (c, v) => c with { Console = c.Console with { ReadOnly = (bool)v } }),
        new("data_path", K.AbsolutePath(), "Directory of the database",
            c => c.DataPath, (c, v) => c with { DataPath = (string)v }),
        new("database_retention_days", K.Whole(1, 36500, "days"), "Days of history kept in the database",
            c => c.DatabaseRetentionDays, (c, v) => c with { DatabaseRetentionDays = (int)v }),
        new("log_path", K.AbsolutePath(), "Directory of the log files",
            c => c.LogPath, (c, v) => c with { LogPath = (string)v }),
    ];

    private static readonly Dictionary<string, ConfigKey> ByPath = All.ToDictionary(k => k.Path, StringComparer.Ordinal);

    /// <summary>The section names, in file order, including <c>user_thresholds</c>.</summary>
    public static readonly IReadOnlyList<string> Sections = ["monitoring", "users", UserThresholdsSection, "user_filtering", "websocket", "email", "alerts", "storage", "console"];

    /// <summary>
    /// The key at <paramref name="path"/>, including <c>user_thresholds.USER.cpu_threshold</c> and
    /// <c>user_thresholds.USER.memory_threshold</c>; null when there is none.
    /// </summary>
    public static ConfigKey? Find(string path)
    {
        if (ByPath.TryGetValue(path, out var key))
        {
            return key;
        }

        string prefix = UserThresholdsSection + ".";
        int last = path.LastIndexOf('.');
        if (!path.StartsWith(prefix, StringComparison.Ordinal) || last <= prefix.Length)
        {
            return null;
        }

        string user = path[prefix.Length..last];
        string name = path[(last + 1)..];
        return K.IsUserName(user) && UserThresholdNames.Contains(name) ? ForUser(user, name) : null;
    }

    /// <summary>The names allowed directly under <paramref name="section"/> (or at the top level for empty).</summary>
    public static IEnumerable<string> NamesIn(string section) =>
        section.Length == 0 ? Sections.Concat(All.Where(k => k.Section.Length == 0).Select(k => k.Name)) : All.Where(k => k.Section == section).Select(k => k.Name);

    /// <summary>The key for one user's <c>cpu_threshold</c> or <c>memory_threshold</c>.</summary>
    internal static ConfigKey ForUser(string user, string name)
    {
        bool cpu = name == "cpu_threshold";
        return new ConfigKey($"{UserThresholdsSection}.{user}.{name}", K.Percent(1, 100), cpu ? "This user's CPU threshold" : "This user's memory threshold",
            c => (object?)(cpu ? c.UserThresholds.GetValueOrDefault(user)?.CpuThreshold : c.UserThresholds.GetValueOrDefault(user)?.MemoryThreshold) ?? "",
            (c, v) =>
            {
                var own = c.UserThresholds.GetValueOrDefault(user) ?? new UserThreshold();
                own = cpu ? own with { CpuThreshold = (double)v } : own with { MemoryThreshold = (double)v };
                return c with { UserThresholds = new Dictionary<string, UserThreshold>(c.UserThresholds, StringComparer.Ordinal) { [user] = own } };
            });
    }

    private static IEnumerable<ConfigKey> MonitoringKeys() =>
    [
        new("monitoring.check_interval", K.Whole(1, 86400, "seconds"), "Seconds between stored checks and alert evaluations",
            c => c.Monitoring.CheckInterval, (c, v) => c with { Monitoring = c.Monitoring with { CheckInterval = (int)v } }),
        new("monitoring.live_interval", K.Whole(1, 3600, "seconds"), "Seconds between live samples sent to consoles",
            c => c.Monitoring.LiveInterval, (c, v) => c with { Monitoring = c.Monitoring with { LiveInterval = (int)v } }),
        new("monitoring.cpu_threshold", K.Percent(1, 100), "System CPU percentage that raises an alert",
            c => c.Monitoring.CpuThreshold, (c, v) => c with { Monitoring = c.Monitoring with { CpuThreshold = (double)v } }),
        new("monitoring.memory_threshold", K.Percent(1, 100), "System memory percentage that raises an alert",
            c => c.Monitoring.MemoryThreshold, (c, v) => c with { Monitoring = c.Monitoring with { MemoryThreshold = (double)v } }),
        new("monitoring.persistent_time", K.Whole(1, 10080, "minutes"), "Minutes before a lasting condition is reported as persistent",
            c => c.Monitoring.PersistentTime, (c, v) => c with { Monitoring = c.Monitoring with { PersistentTime = (int)v } }),
        new("monitoring.memory_pressure_threshold", K.Percent(0, 100), "Share of time all tasks stalled on memory (pressure full) that raises an alert; 0: off",
            c => c.Monitoring.MemoryPressureThreshold, (c, v) => c with { Monitoring = c.Monitoring with { MemoryPressureThreshold = (double)v } }),
        new("monitoring.memory_pressure_minutes", K.Whole(1, 1440, "minutes"), "Minutes memory pressure must stay over its threshold before it alerts",
            c => c.Monitoring.MemoryPressureMinutes, (c, v) => c with { Monitoring = c.Monitoring with { MemoryPressureMinutes = (int)v } }),
    ];

    private static IEnumerable<ConfigKey> UsersKeys() =>
    [
        new("users.cpu_threshold", K.Percent(1, 100), "Default per-user CPU percentage",
            c => c.Users.CpuThreshold, (c, v) => c with { Users = c.Users with { CpuThreshold = (double)v } }),
        new("users.memory_threshold", K.Percent(1, 100), "Default per-user memory percentage",
            c => c.Users.MemoryThreshold, (c, v) => c with { Users = c.Users with { MemoryThreshold = (double)v } }),
        new("users.persistent_time", K.Whole(1, 10080, "minutes"), "Minutes above a threshold before a user is persistent",
            c => c.Users.PersistentTime, (c, v) => c with { Users = c.Users with { PersistentTime = (int)v } }),
    ];

    private static IEnumerable<ConfigKey> UserFilteringKeys() =>
    [
        new("user_filtering.min_uid_for_real_users", K.Whole(0, int.MaxValue), "Lowest uid counted as a real user",
            c => c.UserFiltering.MinUidForRealUsers, (c, v) => c with { UserFiltering = c.UserFiltering with { MinUidForRealUsers = (int)v } }),
        new("user_filtering.ignore_system_users", K.Boolean(), "Leave out users below min_uid_for_real_users",
            c => c.UserFiltering.IgnoreSystemUsers, (c, v) => c with { UserFiltering = c.UserFiltering with { IgnoreSystemUsers = (bool)v } }),
        new("user_filtering.min_cpu_percent", K.Percent(0, 100), "CPU percentage below which a user is not tracked",
            c => c.UserFiltering.MinCpuPercent, (c, v) => c with { UserFiltering = c.UserFiltering with { MinCpuPercent = (double)v } }),
        new("user_filtering.min_memory_percent", K.Percent(0, 100), "Memory percentage below which a user is not tracked",
            c => c.UserFiltering.MinMemoryPercent, (c, v) => c with { UserFiltering = c.UserFiltering with { MinMemoryPercent = (double)v } }),
        new("user_filtering.excluded_users", K.List("user names", "a user name", K.IsUserName, "[\"root\", \"daemon\"]"), "Users never tracked",
            c => c.UserFiltering.ExcludedUsers, (c, v) => c with { UserFiltering = c.UserFiltering with { ExcludedUsers = (IReadOnlyList<string>)v } }, isList: true),
    ];

    private static IEnumerable<ConfigKey> WebSocketKeys() =>
    [
        new("websocket.enabled", K.Boolean(), "Whether the WebSocket relay may run",
            c => c.WebSocket.Enabled, (c, v) => c with { WebSocket = c.WebSocket with { Enabled = (bool)v } }),
        new("websocket.bind", K.HostName(), "Address the relay listens on",
            c => c.WebSocket.Bind, (c, v) => c with { WebSocket = c.WebSocket with { Bind = (string)v } }),
        new("websocket.port", K.Port(), "TCP port of the relay",
            c => c.WebSocket.Port, (c, v) => c with { WebSocket = c.WebSocket with { Port = (int)v } }),
        new("websocket.secret", K.Secret(16), "Token remote consoles present (sysmedic websocket new-secret)",
            c => c.WebSocket.Secret, (c, v) => c with { WebSocket = c.WebSocket with { Secret = (string)v } }, isSecret: true),
        new("websocket.update_interval", K.Whole(1, 3600, "seconds"), "Seconds between updates pushed to remote consoles",
            c => c.WebSocket.UpdateInterval, (c, v) => c with { WebSocket = c.WebSocket with { UpdateInterval = (int)v } }),
        new("websocket.max_clients", K.Whole(1, 10000), "Most remote consoles served at once",
            c => c.WebSocket.MaxClients, (c, v) => c with { WebSocket = c.WebSocket with { MaxClients = (int)v } }),
        new("websocket.max_connections_per_address", K.Whole(1, 10000), "Most connections one client address may hold at once",
            c => c.WebSocket.MaxConnectionsPerAddress, (c, v) => c with { WebSocket = c.WebSocket with { MaxConnectionsPerAddress = (int)v } }),
        new("websocket.allow_actions", K.Boolean(), "Whether remote consoles may signal and renice processes (logged with their address)",
            c => c.WebSocket.AllowActions, (c, v) => c with { WebSocket = c.WebSocket with { AllowActions = (bool)v } }),
        new("websocket.tls_cert", K.OptionalPath(), "PEM certificate; with tls_key the relay serves wss",
            c => c.WebSocket.TlsCert, (c, v) => c with { WebSocket = c.WebSocket with { TlsCert = (string)v } }),
        new("websocket.tls_key", K.OptionalPath(), "PEM private key for tls_cert",
            c => c.WebSocket.TlsKey, (c, v) => c with { WebSocket = c.WebSocket with { TlsKey = (string)v } }),
    ];

    private static IEnumerable<ConfigKey> EmailKeys() =>
    [
        new("email.enabled", K.Boolean(), "Whether alerts are mailed",
            c => c.Email.Enabled, (c, v) => c with { Email = c.Email with { Enabled = (bool)v } }),
        new("email.smtp_host", K.HostName(), "SMTP server",
            c => c.Email.SmtpHost, (c, v) => c with { Email = c.Email with { SmtpHost = (string)v } }),
        new("email.smtp_port", K.Port(), "SMTP port",
            c => c.Email.SmtpPort, (c, v) => c with { Email = c.Email with { SmtpPort = (int)v } }),
        new("email.security", K.Choice<EmailSecurity>(), "auto (ssl on 465, else starttls), starttls, ssl or none",
            c => c.Email.Security, (c, v) => c with { Email = c.Email with { Security = (EmailSecurity)v } }),
        new("email.from_email", K.Email(), "Sender address",
            c => c.Email.FromEmail, (c, v) => c with { Email = c.Email with { FromEmail = (string)v } }),
        new("email.to_emails", K.List("email addresses", "an email address", K.IsEmail, "[\"admin@example.com\"]"), "Recipients",
            c => c.Email.ToEmails, (c, v) => c with { Email = c.Email with { ToEmails = (IReadOnlyList<string>)v } }, isList: true),
        new("email.username", K.Text("a user name"), "SMTP user; empty means no SMTP AUTH",
            c => c.Email.Username, (c, v) => c with { Email = c.Email with { Username = (string)v } }),
        new("email.password", K.Text("a password"), "SMTP password",
            c => c.Email.Password, (c, v) => c with { Email = c.Email with { Password = (string)v } }, isSecret: true),
        new("email.tls_verify", K.Boolean(), "Check the SMTP server's TLS certificate; false accepts any certificate",
            c => c.Email.TlsVerify, (c, v) => c with { Email = c.Email with { TlsVerify = (bool)v } }),
    ];

    private static IEnumerable<ConfigKey> AlertsKeys() =>
    [
        new("alerts.suppress_minutes", K.Whole(0, 10080, "minutes"), "Minutes a repeated alert stays quiet (0: never)",
            c => c.Alerts.SuppressMinutes, (c, v) => c with { Alerts = c.Alerts with { SuppressMinutes = (int)v } }),
        new("alerts.clear_margin_percent", K.Percent(0, 90), "How far under its threshold (percent of it) a condition must fall to clear",
            c => c.Alerts.ClearMarginPercent, (c, v) => c with { Alerts = c.Alerts with { ClearMarginPercent = (double)v } }),
        new("alerts.clear_after_minutes", K.Whole(0, 1440, "minutes"), "Minutes a condition must stay under by the margin before its recovery",
            c => c.Alerts.ClearAfterMinutes, (c, v) => c with { Alerts = c.Alerts with { ClearAfterMinutes = (int)v } }),
        new("alerts.webhooks", (WebhookListParser.Parse, WebhookListParser.Allowed), "URLs alerts are posted to, format json, slack or discord",
            c => c.Alerts.Webhooks, (c, v) => c with { Alerts = c.Alerts with { Webhooks = (IReadOnlyList<WebhookTarget>)v } }, isList: true),
    ];
}

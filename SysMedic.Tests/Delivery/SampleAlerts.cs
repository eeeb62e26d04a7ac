using SysMedic.Core.Alerts;
using SysMedic.Core.Config;

namespace SysMedic.Tests.Delivery;

/// <summary>Alerts and configurations the delivery tests share.</summary>
internal static class SampleAlerts
{
    public static Alert CpuHigh(string text = "CPU 93.5% (threshold 80%)\nTop user: alice (71.0%)") => new(
        0, new DateTimeOffset(2026, 3, 1, 12, 30, 0, TimeSpan.Zero), AlertType.System, AlertSeverity.High, "system:cpu",
        "System CPU at 93.5%", 93.46, 41.2, 0, "alice", "alice: 71.0% CPU")
    {
        Content = new AlertContent("[SysMedic] HIGH: CPU at 93.5% on build-01", text, "<h1>CPU at 93.5%</h1><p>Top user: <b>alice</b></p>"),
    };

    /// <summary>Email through the test server at <paramref name="port"/>: STARTTLS, AUTH as alerts, certificate not checked.</summary>
    public static SysMedicConfig Mail(int port) => new()
    {
        Email = new EmailSection
        {
            Enabled = true,
            SmtpHost = "127.0.0.1",
            SmtpPort = port,
            Security = EmailSecurity.StartTls,
            FromEmail = "sysmedic@build-01.example.org",
            ToEmails = ["ops@example.org", "oncall@example.org"],
            Username = "alerts",
            Password = "s3cret pass",
            TlsVerify = false,
        },
    };

    public static SysMedicConfig Hooks(params WebhookTarget[] hooks) => new() { Alerts = new AlertsSection { Webhooks = hooks } };
}

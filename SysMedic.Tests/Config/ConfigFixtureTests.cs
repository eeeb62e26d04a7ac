using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

public class ConfigFixtureTests
{
    public static IEnumerable<string> ValidFiles => ConfigFixtures.Names("valid");

    // file, key path named in the message, line, a fragment of the message.
    public static IEnumerable<TestCaseData> InvalidFiles =>
    [
        new("check-interval-word.yaml", "monitoring.check_interval", 3, "\"sixty\" is not a whole number of seconds (1..86400)"),
        new("check-interval-fraction.yaml", "monitoring.check_interval", 2, "\"1.5\" is not a whole number"),
        new("cpu-threshold-above-100.yaml", "monitoring.cpu_threshold", 3, "\"150\" is not a percentage (1..100)"),
        new("websocket-port-out-of-range.yaml", "websocket.port", 3, "\"70000\" is not a port number (1..65535)"),
        new("from-email-not-an-address.yaml", "email.from_email", 2, "\"admin\" is not an email address"),
        new("to-emails-item-not-an-address.yaml", "email.to_emails[1]", 4, "\"not-an-address\" is not an email address"),
        new("email-enabled-without-recipients.yaml", "email.to_emails", 5, "email.enabled is true"),
        new("tls-cert-without-key.yaml", "websocket.tls_cert", 3, "websocket.tls_key is not"),
        new("tls-files-unreadable.yaml", "websocket.tls_cert", 3, "not a readable file (no such file)"),
        new("ignore-system-users-not-boolean.yaml", "user_filtering.ignore_system_users", 2, "\"maybe\" is not true or false"),
        new("user-threshold-unknown-key.yaml", "user_thresholds.postgres.cpu_treshold", 3, "did you mean \"cpu_threshold\"?"),
        new("user-threshold-out-of-range.yaml", "user_thresholds.postgres.memory_threshold", 4, "\"0\" is not a percentage (1..100)"),
        new("webhook-unknown-format.yaml", "alerts.webhooks[0].format", 4, "\"teams\" is not one of json, slack, discord"),
        new("webhook-not-http.yaml", "alerts.webhooks[0].url", 2, "is not an http:// or https:// URL"),
        new("section-not-a-mapping.yaml", "monitoring", 1, "\"5\" is not a section"),
        new("unclosed-flow-list.yaml", "", 5, "YAML syntax error"),
        new("duplicate-key.yaml", "", 3, "duplicate key"),
        new("email-security-unknown.yaml", "email.security", 2, "\"tls\" is not one of auto, starttls, ssl, none"),
        new("data-path-relative.yaml", "data_path", 1, "\"var/lib/sysmedic\" is not an absolute path"),
        new("websocket-secret-too-short.yaml", "websocket.secret", 2, "is not a secret of at least 16 characters"),
        new("websocket-bind-host-name.yaml", "websocket.bind", 3, "\"relay.example\" is not an IP address"),
        new("bad-indentation.yaml", "", 3, "YAML syntax error"),
        new("retention-zero.yaml", "database_retention_days", 1, "\"0\" is not a whole number of days"),
    ];

    [TestCaseSource(nameof(ValidFiles))]
    public void Valid_fixture_loads_without_errors(string name)
    {
        var result = ConfigFixtures.Load(ConfigFixtures.File("valid", name));
        Assert.That(result.Errors, Is.Empty);
        Assert.That(result.FileExists, Is.True);
    }

    [TestCaseSource(nameof(InvalidFiles))]
    public void Invalid_fixture_gives_one_error_naming_the_key_and_the_line(string name, string key, int line, string fragment)
    {
        string path = ConfigFixtures.File("invalid", name);
        var result = ConfigFixtures.Load(path);
        var errors = result.Errors.ToList();
        Assert.That(result.IsValid, Is.False);
        Assert.That(errors, Has.Count.EqualTo(1), string.Join("\n", errors));
        Assert.That(errors[0].Line, Is.EqualTo(line), errors[0].ToString());
        Assert.That(errors[0].ToString(), Does.StartWith($"{path}:{line}:"));
        Assert.That(errors[0].ToString(), Does.Contain(key.Length > 0 ? $": {key}: " : ": YAML syntax error"));
        Assert.That(errors[0].ToString(), Does.Contain(fragment));
    }

    [Test]
    public void Every_invalid_fixture_has_a_test_case()
    {
        var tested = InvalidFiles.Select(c => (string)c.Arguments[0]!);
        Assert.That(ConfigFixtures.Names("invalid"), Is.EquivalentTo(tested));
    }

    [Test]
    public void The_guides_example_loads_without_warnings_and_keeps_its_values()
    {
        // Read as text: the fixture's file mode depends on the checkout, and it holds a secret.
        var result = ConfigFixtures.LoadText(File.ReadAllText(ConfigFixtures.File("valid", "guide-example.yaml")));
        Assert.That(result.Diagnostics, Is.Empty);
        var config = result.Config;
        Assert.That(config.CpuThresholdFor("database_user"), Is.EqualTo(90));
        Assert.That(config.MemoryThresholdFor("webserver_user"), Is.EqualTo(75));
        Assert.That(config.CpuThresholdFor("alice"), Is.EqualTo(80));
        Assert.That(config.UserFiltering.ExcludedUsers, Is.EqualTo(Items("root", "daemon", "www-data")));
        Assert.That(config.WebSocket.Secret, Is.EqualTo("generated-secret"));
        Assert.That(config.Email.ToEmails, Is.EqualTo(Items("admin@example.com")));
        Assert.That(config.DataPath, Is.EqualTo("/var/lib/sysmedic"));
    }

    [Test]
    public void Every_key_of_the_full_fixture_is_read_from_the_file()
    {
        var result = ConfigFixtures.Load(ConfigFixtures.File("valid", "everything-changed.yaml"));
        var config = result.Config;
        Assert.That(ConfigKeys.All.Where(k => !k.Path.StartsWith("websocket.tls_", StringComparison.Ordinal) && result.OriginOf(k.Path).Source != ConfigSource.File), Is.Empty);
        Assert.That(config.Monitoring.CpuThreshold, Is.EqualTo(85.5));
        Assert.That(config.WebSocket.MaxConnectionsPerAddress, Is.EqualTo(4));
        Assert.That(config.UserFiltering.ExcludedUsers, Is.EqualTo(Items("nobody", "backup")));
        Assert.That(config.Email.Security, Is.EqualTo(EmailSecurity.Ssl));
        Assert.That(config.Email.Password, Is.EqualTo("p@ss: word # not a comment"));
        Assert.That(config.Email.TlsVerify, Is.False);
        Assert.That(config.Alerts.Webhooks, Is.EqualTo(new[]
        {
            new WebhookTarget("https://hooks.slack.com/services/T0/B0/XYZ", WebhookFormat.Slack),
            new WebhookTarget("https://example.org/sysmedic-hook", WebhookFormat.Json),
        }));
        Assert.That(config.CpuThresholdFor("postgres"), Is.EqualTo(95));
        Assert.That(config.MemoryThresholdFor("postgres"), Is.EqualTo(60));
    }

    [Test]
    public void An_unknown_key_is_a_warning_with_a_suggestion()
    {
        var result = ConfigFixtures.Load(ConfigFixtures.File("valid", "unknown-key-warning.yaml"));
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Diagnostics.Single().ToString(),
            Is.EqualTo($"{result.Path}:2:3: warning: monitoring.cpu_treshold: unknown key, ignored; did you mean \"cpu_threshold\"?"));
        Assert.That(result.Config.Monitoring.CpuThreshold, Is.EqualTo(80));
    }

    private static string[] Items(params string[] items) => items;
}

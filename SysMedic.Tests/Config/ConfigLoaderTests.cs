using System.Runtime.Versioning;
using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

[SupportedOSPlatform("linux")]
public class ConfigLoaderTests
{
    [Test]
    public void The_message_names_file_line_column_key_value_and_what_is_allowed()
    {
        var result = ConfigFixtures.LoadText("# SysMedic\nmonitoring:\n  check_interval: sixty\n");
        Assert.That(result.Errors.Single().ToString(),
            Is.EqualTo("config.yaml:3:19: monitoring.check_interval: \"sixty\" is not a whole number of seconds (1..86400)"));
    }

    [Test]
    public void Every_problem_is_reported_in_one_pass()
    {
        var result = ConfigFixtures.LoadText("monitoring:\n  check_interval: 0\n  cpu_threshold: 101\nwebsocket:\n  port: -1\n  bogus: 1\n");
        Assert.That(result.Diagnostics.Select(d => (d.KeyPath, d.Line, d.IsError)), Is.EqualTo(new[]
        {
            ("monitoring.check_interval", 2, true),
            ("monitoring.cpu_threshold", 3, true),
            ("websocket.port", 5, true),
            ("websocket.bogus", 6, false),
        }));
    }

    [Test]
    public void A_missing_file_means_the_defaults()
    {
        using var dir = new TempDirectory();
        var result = ConfigFixtures.Load(dir.File("absent.yaml"));
        Assert.That(result.FileExists, Is.False);
        Assert.That(result.IsValid, Is.True);
        Assert.That(ConfigDiff.Compare(result.Config, SysMedicConfig.DefaultsFor(ConfigFixtures.RootLayout)), Is.Empty);
    }

    [TestCase("")]
    [TestCase("  \n\n\t\n")]
    [TestCase("\uFEFF\n")]
    public void An_empty_file_means_the_defaults_with_a_warning_naming_it(string text)
    {
        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", text);
        var result = ConfigFixtures.Load(path);
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.IsEmpty, Is.True);
        Assert.That(ConfigDiff.Compare(result.Config, SysMedicConfig.DefaultsFor(ConfigFixtures.RootLayout)), Is.Empty);
        Assert.That(result.Diagnostics.Single().ToString(), Is.EqualTo($"{path}: warning: the file is empty: the built-in defaults apply"));
    }

    [Test]
    public void A_file_of_comments_only_is_not_empty()
    {
        var result = ConfigFixtures.LoadText("# everything at its default\n");
        Assert.That(result.IsEmpty, Is.False);
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void A_user_layout_puts_data_and_logs_under_the_state_directory()
    {
        var layout = SysMedicPaths.For(root: false, k => k == "HOME" ? "/home/alice" : null);
        var result = ConfigLoader.LoadText(null, "config.yaml", null, layout);
        Assert.That(result.Config.DataPath, Is.EqualTo("/home/alice/.local/state/sysmedic"));
        Assert.That(result.Config.LogPath, Is.EqualTo("/home/alice/.local/state/sysmedic/log"));
    }

    [Test]
    public void An_unreadable_path_is_one_error_not_an_exception()
    {
        using var dir = new TempDirectory();
        var result = ConfigFixtures.Load(dir.Path);
        Assert.That(result.Errors.Single().ToString(), Is.EqualTo($"{dir.Path}: is a directory, not a configuration file"));
    }

    [Test]
    public void A_document_that_is_not_a_mapping_is_rejected()
    {
        var result = ConfigFixtures.LoadText("- monitoring\n- users\n");
        Assert.That(result.Errors.Single().ToString(), Does.StartWith("config.yaml:1:1: a list is not a configuration"));
    }

    [Test]
    public void Values_keep_their_file_position_as_origin()
    {
        var result = ConfigFixtures.LoadText("websocket:\n  port: 9000\n");
        Assert.That(result.OriginOf("websocket.port"), Is.EqualTo(new ConfigOrigin(ConfigSource.File, "config.yaml", 2, 9)));
        Assert.That(result.OriginOf("websocket.bind"), Is.EqualTo(ConfigOrigin.Default));
    }

    [Test]
    public void A_file_holding_a_secret_readable_by_others_gets_a_warning()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", "email:\n  password: \"hunter2\"\n");
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead);
        var loose = ConfigFixtures.Load(path);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var tight = ConfigFixtures.Load(path);
        Assert.That(loose.Diagnostics.Single().ToString(), Does.Contain("warning: email.password: the file holds a secret but is readable by others (mode 0644)"));
        Assert.That(tight.Diagnostics, Is.Empty);
    }

    [Test]
    public void Redacted_secrets_never_show_their_value()
    {
        var config = new SysMedicConfig { WebSocket = new WebSocketSection { Secret = "abcdefghijklmnopqrstuvwxyz" } };
        var key = ConfigKeys.Find("websocket.secret")!;
        Assert.That(key.Format(config, redact: true), Is.EqualTo("\"********\""));
        Assert.That(key.Format(config, redact: false), Is.EqualTo("\"abcdefghijklmnopqrstuvwxyz\""));
    }

    [Test]
    public void Webhook_urls_are_shown_without_their_token_path()
    {
        var config = new SysMedicConfig { Alerts = new AlertsSection { Webhooks = [new("https://hooks.slack.com/services/T0/B0/SECRET", WebhookFormat.Slack)] } };
        Assert.That(ConfigKeys.Find("alerts.webhooks")!.Format(config, redact: true), Is.EqualTo("[{url: \"https://hooks.slack.com/********\", format: slack}]"));
    }

    [Test]
    public void A_flow_list_left_open_before_the_next_key_is_a_syntax_error_with_a_line()
    {
        var result = ConfigFixtures.LoadText("monitoring:\n  check_interval: 60\nuser_filtering:\n  excluded_users: [root,\nalerts:\n  suppress_minutes: 5\n");
        var error = result.Errors.Single();
        Assert.That(error.ToString(), Does.StartWith("config.yaml:").And.Contain("YAML syntax error"));
        Assert.That(error.Line, Is.GreaterThanOrEqualTo(4));
    }

    [Test]
    public void A_user_entry_without_thresholds_is_a_warning()
    {
        var result = ConfigFixtures.LoadText("user_thresholds:\n  alice:\n");
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Diagnostics.Single().ToString(), Does.StartWith("config.yaml:2:3: warning: user_thresholds.alice: no thresholds given"));
    }
}

using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

public class ConfigEditorTests
{
    private const string Commented = """
        # SysMedic on build-01: hand-written, keep the comments.
        monitoring:
          check_interval: 60      # seconds
          cpu_threshold: 80       # percent

          # an hour before anyone is called persistent
          persistent_time: 60
        websocket:
          port: "8060"   # quoted on purpose
          secret: 'an-old-secret-value-xx'
        user_filtering:
          excluded_users:
            - root   # the admin
            - daemon
        email:
        alerts:
          webhooks: []   # none yet

        """;

    // One valid value for every key, as typed on the command line.
    private static readonly Dictionary<string, string> Samples = new()
    {
        ["monitoring.check_interval"] = "30",
        ["monitoring.live_interval"] = "5",
        ["monitoring.cpu_threshold"] = "91.5",
        ["monitoring.memory_threshold"] = "70",
        ["monitoring.persistent_time"] = "15",
        ["monitoring.memory_pressure_threshold"] = "0",
        ["monitoring.memory_pressure_minutes"] = "30",
        ["users.cpu_threshold"] = "50",
        ["users.memory_threshold"] = "55",
        ["users.persistent_time"] = "20",
        ["user_filtering.min_uid_for_real_users"] = "500",
        ["user_filtering.ignore_system_users"] = "false",
        ["user_filtering.min_cpu_percent"] = "0.5",
        ["user_filtering.min_memory_percent"] = "1",
        ["user_filtering.excluded_users"] = "[\"nobody\"]",
        ["websocket.enabled"] = "false",
        ["websocket.bind"] = "127.0.0.1",
        ["websocket.port"] = "9443",
        ["websocket.secret"] = "s3cret with \"quotes\" and # hash",
        ["websocket.update_interval"] = "9",
        ["websocket.max_clients"] = "7",
        ["websocket.max_connections_per_address"] = "3",
        ["websocket.tls_cert"] = "",
        ["websocket.tls_key"] = "",
        ["email.enabled"] = "false",
        ["email.smtp_host"] = "mail.example.org",
        ["email.smtp_port"] = "465",
        ["email.security"] = "ssl",
        ["email.from_email"] = "sysmedic@example.org",
        ["email.to_emails"] = "[\"a@example.org\",\"b@example.org\"]",
        ["email.username"] = "smtp user",
        ["email.password"] = "p: w",
        ["email.tls_verify"] = "false",
        ["alerts.suppress_minutes"] = "5",
        ["alerts.clear_margin_percent"] = "20",
        ["alerts.clear_after_minutes"] = "0",
        ["storage.processes_per_check"] = "5",
        ["alerts.webhooks"] = "[{url: \"https://example.org/h\", format: discord}]",
        ["data_path"] = "/srv/sysmedic",
        ["database_retention_days"] = "365",
        ["log_path"] = "/srv/log",
    };

    private static string Set(string text, string path, string typed)
    {
        var key = ConfigKeys.Find(path)!;
        Assert.That(key.TryParseText(typed, out object? value, out string problem), Is.True, problem);
        return ConfigEditor.Set(text, key, value!);
    }

    [Test]
    public void Changing_a_value_changes_only_its_characters()
    {
        string edited = Set(Commented, "monitoring.cpu_threshold", "90");
        Assert.That(edited, Is.EqualTo(Commented.Replace("cpu_threshold: 80 ", "cpu_threshold: 90 ", StringComparison.Ordinal)));
    }

    [Test]
    public void A_quoted_string_keeps_its_quoting_style()
    {
        string edited = Set(Commented, "websocket.secret", "a-brand-new-secret-it's");
        Assert.That(edited, Is.EqualTo(Commented.Replace("'an-old-secret-value-xx'", "'a-brand-new-secret-it''s'", StringComparison.Ordinal)));
    }

    [Test]
    public void A_plain_string_stays_plain_unless_it_needs_quotes()
    {
        Assert.That(Set("websocket:\n  bind: 127.0.0.1\n", "websocket.bind", "10.0.0.1"), Is.EqualTo("websocket:\n  bind: 10.0.0.1\n"));
        Assert.That(Set("email:\n  username: bob\n", "email.username", "null"), Is.EqualTo("email:\n  username: \"null\"\n"));
        Assert.That(Set("email:\n  username: bob\n", "email.username", "a #b"), Is.EqualTo("email:\n  username: \"a #b\"\n"));
    }

    [Test]
    public void Text_outside_the_basic_plane_before_the_value_does_not_shift_the_edit()
    {
        string text = "# 🚀 fast box, naïve ü\nmonitoring:   # 🚀🚀\n  cpu_threshold: 80 # 😀\n";
        Assert.That(Set(text, "monitoring.cpu_threshold", "90"), Is.EqualTo(text.Replace("80", "90", StringComparison.Ordinal)));
        Assert.That(Set(text, "monitoring.check_interval", "5"), Is.EqualTo(text + "  check_interval: 5\n"));
    }

    [Test]
    public void A_number_written_in_quotes_is_written_back_as_a_number()
    {
        string edited = Set(Commented, "websocket.port", "9000");
        Assert.That(edited, Is.EqualTo(Commented.Replace("port: \"8060\"", "port: 9000", StringComparison.Ordinal)));
    }

    [Test]
    public void A_block_list_becomes_a_flow_list_on_the_key_line()
    {
        string edited = Set(Commented, "user_filtering.excluded_users", "[\"root\",\"daemon\",\"nobody\"]");
        string expected = Commented.Replace("excluded_users:\n    - root   # the admin\n    - daemon\n", "excluded_users: [\"root\", \"daemon\", \"nobody\"]\n", StringComparison.Ordinal);
        Assert.That(edited, Is.EqualTo(expected));
    }

    [Test]
    public void A_flow_list_is_replaced_in_place_keeping_the_comment_after_it()
    {
        string edited = Set(Commented, "alerts.webhooks", "[{url: \"https://example.org/h\", format: slack}]");
        Assert.That(edited, Is.EqualTo(Commented.Replace("webhooks: []   # none yet", "webhooks: [{url: \"https://example.org/h\", format: slack}]   # none yet", StringComparison.Ordinal)));
    }

    [Test]
    public void A_missing_key_is_added_at_the_end_of_its_section()
    {
        string edited = Set(Commented, "monitoring.live_interval", "5");
        Assert.That(edited, Is.EqualTo(Commented.Replace("  persistent_time: 60\n", "  persistent_time: 60\n  live_interval: 5\n", StringComparison.Ordinal)));
    }

    [Test]
    public void A_key_of_an_empty_section_goes_under_it()
    {
        string edited = Set(Commented, "email.enabled", "false");
        Assert.That(edited, Is.EqualTo(Commented.Replace("email:\n", "email:\n  enabled: false\n", StringComparison.Ordinal)));
    }

    [Test]
    public void A_missing_section_is_added_at_the_end_of_the_file()
    {
        string edited = Set(Commented, "user_thresholds.john.doe.cpu_threshold", "95");
        Assert.That(edited, Is.EqualTo(Commented + "user_thresholds:\n  john.doe:\n    cpu_threshold: 95\n"));
    }

    [Test]
    public void An_empty_flow_section_is_opened_into_lines()
    {
        string edited = Set("user_thresholds: {}   # none\nlog_path: /var/log/sysmedic\n", "user_thresholds.alice.memory_threshold", "60");
        Assert.That(edited, Is.EqualTo("user_thresholds:   # none\n  alice:\n    memory_threshold: 60\nlog_path: /var/log/sysmedic\n"));
    }

    [Test]
    public void A_file_without_a_final_newline_gets_one_only_before_the_added_line()
    {
        Assert.That(Set("monitoring:\n  check_interval: 60", "monitoring.check_interval", "5"), Is.EqualTo("monitoring:\n  check_interval: 5"));
        Assert.That(Set("monitoring:\n  check_interval: 60", "data_path", "/srv"), Is.EqualTo("monitoring:\n  check_interval: 60\ndata_path: \"/srv\"\n"));
    }

    [Test]
    public void Four_space_indentation_and_crlf_line_ends_are_followed()
    {
        string text = "monitoring:\r\n    check_interval: 60\r\n";
        Assert.That(Set(text, "websocket.port", "9000"), Is.EqualTo(text + "websocket:\r\n    port: 9000\r\n"));
    }

    [Test]
    public void A_value_with_no_text_gets_one()
    {
        Assert.That(Set("websocket:\n  secret:   # fill me\n", "websocket.secret", "0123456789abcdef"),
            Is.EqualTo("websocket:\n  secret: \"0123456789abcdef\"   # fill me\n"));
    }

    [Test]
    public void A_flow_section_is_refused_with_a_reason()
    {
        var key = ConfigKeys.Find("monitoring.check_interval")!;
        var ex = Assert.Throws<ConfigEditException>(() => ConfigEditor.Set("monitoring: {check_interval: 60}\n", key, 30));
        Assert.That(ex!.Message, Does.Contain("monitoring is written in flow style"));
    }

    [Test]
    public void Broken_yaml_is_refused_with_its_line()
    {
        var key = ConfigKeys.Find("monitoring.check_interval")!;
        var ex = Assert.Throws<ConfigEditException>(() => ConfigEditor.Set("monitoring:\n  a: [1,\n", key, 30));
        Assert.That(ex!.Message, Does.Contain("YAML syntax error"));
    }

    [Test]
    public void Every_key_can_be_set_in_the_default_file_and_nothing_else_changes()
    {
        Assert.That(Samples.Keys, Is.EquivalentTo(ConfigKeys.All.Select(k => k.Path)), "a sample value per key");
        var defaults = ConfigFixtures.LoadText(DefaultConfigFile.Text).Config;
        foreach (var (path, typed) in Samples)
        {
            string edited = Set(DefaultConfigFile.Text, path, typed);
            var result = ConfigFixtures.LoadText(edited);
            Assert.That(result.Diagnostics, Is.Empty, $"{path}\n{edited}");
            var changes = ConfigDiff.Compare(defaults, result.Config).Select(c => c.KeyPath).ToList();
            bool sameAsDefault = ConfigKeys.Find(path)!.Format(defaults, false) == ConfigKeys.Find(path)!.Format(result.Config, false);
            Assert.That(changes, Is.EqualTo(sameAsDefault ? Array.Empty<string>() : new[] { path }), path);
            Assert.That(ConfigKeys.Find(path)!.TryParseText(typed, out object? value, out _), Is.True);
            Assert.That(ConfigKeys.Find(path)!.Format(result.Config, false), Is.EqualTo(ConfigKeys.Find(path)!.FormatValue(value!, false)), path);
            Assert.That(CommentLines(edited), Is.EqualTo(CommentLines(DefaultConfigFile.Text)), path);
        }
    }

    private static List<string> CommentLines(string text) => [.. text.Split('\n').Where(l => l.TrimStart().StartsWith('#'))];
}

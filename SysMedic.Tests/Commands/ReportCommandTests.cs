using System.Text.Json;

namespace SysMedic.Tests.Commands;

public class ReportCommandTests
{
    [Test]
    public void Json_report_has_exactly_the_documented_shape()
    {
        var (code, output, error) = CliRunner.Run("report", "--json", "--interval", "0.2");
        Assert.That(code, Is.Zero, error);
        using JsonDocument doc = JsonDocument.Parse(output);
        JsonElement root = doc.RootElement;
        Assert.That(Names(root), Is.EqualTo(new[] { "timestamp", "hostname", "status", "system", "users", "processes" }));
        Assert.That(Names(root.GetProperty("system")), Is.EqualTo(new[]
        {
            "cpu_percent", "memory_percent", "memory_used_bytes", "memory_total_bytes", "disk_percent",
            "network_rx_bytes_per_sec", "network_tx_bytes_per_sec", "load_avg_1", "load_avg_5", "load_avg_15",
            "uptime_seconds", "cpu_count",
        }));
        JsonElement self = root.GetProperty("processes").EnumerateArray().First(p => p.GetProperty("pid").GetInt32() == Environment.ProcessId);
        Assert.That(Names(self), Is.EqualTo(new[]
        {
            "pid", "ppid", "uid", "user", "name", "state", "cpu_percent", "memory_percent", "rss_bytes", "threads", "cmdline",
        }));
        Assert.That(root.GetProperty("status").GetString(), Is.AnyOf("Light Usage", "Medium Usage", "Heavy Load"));
    }

    [Test]
    public void Users_in_json_have_the_documented_fields()
    {
        var (code, output, _) = CliRunner.Run("report", "--json", "--interval", "0.1");
        Assert.That(code, Is.Zero);
        using JsonDocument doc = JsonDocument.Parse(output);
        foreach (JsonElement user in doc.RootElement.GetProperty("users").EnumerateArray())
        {
            Assert.That(Names(user), Is.EqualTo(new[] { "username", "uid", "cpu_percent", "memory_percent", "rss_bytes", "process_count", "pids" }));
        }
    }

    [Test]
    public void Table_report_shows_the_header_users_and_processes()
    {
        var (code, output, _) = CliRunner.Run("report", "--interval", "0.1");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Contain("CPU").And.Contain("Memory").And.Contain("USERS").And.Contain("PROCESSES"));
        Assert.That(output, Does.Contain(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture)).Or.Contain("busiest"));
    }

    [TestCase("0")]
    [TestCase("-1")]
    [TestCase("3601")]
    [TestCase("sixty")]
    public void A_bad_interval_is_bad_usage_with_one_line(string value)
    {
        var (code, output, error) = CliRunner.Run("report", "--interval", value);
        Assert.That(code, Is.EqualTo(2));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.Contain("--interval").Or.Contain(value));
        Assert.That(error, Does.Not.Contain("   at "), "no stack trace");
    }

    [Test]
    public void An_unknown_flag_is_bad_usage()
    {
        var (code, _, error) = CliRunner.Run("report", "--bogus");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.Contain("--bogus"));
    }

    [Test]
    public void The_users_list_follows_the_configured_filter()
    {
        string dir = Directory.CreateTempSubdirectory("sysmedic-report-").FullName;
        try
        {
            // Everyone listed, even idle system accounts: this test process's own user must appear.
            string config = Path.Combine(dir, "config.yaml");
            File.WriteAllText(config, "user_filtering:\n  ignore_system_users: false\n  min_cpu_percent: 0\n  min_memory_percent: 0\n  excluded_users: []\n");
            var (code, output, error) = CliRunner.Run("report", "--json", "--interval", "0.1", "--config", config);
            Assert.That(code, Is.Zero, error);
            using JsonDocument doc = JsonDocument.Parse(output);
            string me = Environment.UserName;
            Assert.That(doc.RootElement.GetProperty("users").EnumerateArray().Select(u => u.GetProperty("username").GetString()), Does.Contain(me));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    public void An_invalid_configuration_stops_the_report_with_exit_code_2()
    {
        string dir = Directory.CreateTempSubdirectory("sysmedic-report-").FullName;
        try
        {
            string config = Path.Combine(dir, "config.yaml");
            File.WriteAllText(config, "monitoring:\n  check_interval: sixty\n");
            var (code, output, error) = CliRunner.Run("report", "--config", config);
            Assert.That(code, Is.EqualTo(2));
            Assert.That(output, Is.Empty);
            Assert.That(error, Does.Contain("config.yaml:2:").And.Contain("monitoring.check_interval"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static string[] Names(JsonElement e) => e.EnumerateObject().Select(p => p.Name).ToArray();
}

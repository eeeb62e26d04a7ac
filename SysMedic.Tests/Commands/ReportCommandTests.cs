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
            "uptime_seconds", "cpu_count", "processes_started", "pressure",
        }).Or.EqualTo(new[]
        {
            "cpu_percent", "memory_percent", "memory_used_bytes", "memory_total_bytes", "disk_percent",
            "network_rx_bytes_per_sec", "network_tx_bytes_per_sec", "load_avg_1", "load_avg_5", "load_avg_15",
            "uptime_seconds", "cpu_count", "processes_started",
        }), "pressure is absent on a kernel without it");
        JsonElement self = root.GetProperty("processes").EnumerateArray().First(p => p.GetProperty("pid").GetInt32() == Environment.ProcessId);
        Assert.That(Names(self).Except(["disk_read_bytes_per_sec", "disk_write_bytes_per_sec", "cgroup"]), Is.EqualTo(new[]
        {
            "pid", "ppid", "uid", "user", "name", "state", "cpu_percent", "memory_percent", "rss_bytes", "threads", "cmdline",
        }), "disk rates and cgroup come last, when known");
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
            Assert.That(Names(user).Except(["disk_read_bytes_per_sec", "disk_write_bytes_per_sec", "pressure"]), Is.EqualTo(new[]
            {
                "username", "uid", "cpu_percent", "memory_percent", "rss_bytes", "process_count", "pids", "cpu_seconds",
                "exited_cpu_seconds", "cpu_from_slice", "new_processes",
            }));
        }
    }

    [Test]
    public void Table_report_shows_the_header_users_and_processes()
    {
        var (code, output, error) = CliRunner.Run(
            "report", "--interval", "0.1", "--proc-root", FixturePaths.Proc("t1"), "--sys-root", FixturePaths.Sys("t1"),
            "--passwd-file", FixturePaths.Passwd, "--config", Path.Combine(FixturePaths.Root, "golden", "config.yaml"));
        Assert.That(code, Is.Zero, error);
        string[] lines = output.Split('\n');
        Assert.Multiple(() =>
        {
            Assert.That(lines[0], Does.StartWith("web01  ").And.Contain("status: Light Usage"));
            Assert.That(lines, Does.Contain("Memory   25.0%  1.9 GiB used of 7.6 GiB    swap 244.1 MiB of 976.6 MiB"));
            Assert.That(lines, Does.Contain("Stall  cpu 4.5%  memory 9.1% (all 1.7%)  io 28.0% (all 9.0%)  (stalled, avg10)"));
            Assert.That(lines, Does.Contain("USER              UID    CPU%    MEM%        RSS  PROCS   DISK READ  DISK WRITE"));
            Assert.That(lines, Does.Contain("alice*            1000     0.0    12.6  983.6 MiB      6       0 B/s       0 B/s"));
            Assert.That(lines, Does.Contain("1002              1002     0.0     0.0    2.7 MiB      1           -           -"), "disk I/O that cannot be read is a dash");
            Assert.That(lines, Does.Contain("PROCESSES (17 busiest of 17; --json lists all)"));
            Assert.That(lines, Does.Contain("    100 alice        R   0.0  12.5  976.6 MiB    4 a) b (c          ./a) b (c --busy"));
            Assert.That(lines, Does.Contain("    103 bob          S   0.0   0.0    2.0 MiB    1 \\e[31mred        \\e[31mred"), "escape sequences are shown, not sent");
        });
    }

    [Test]
    public void The_fixture_roots_are_hidden_from_help_and_can_come_from_the_environment()
    {
        var (_, help, _) = CliRunner.Run("--help");
        Assert.That(help, Does.Not.Contain("--proc-root").And.Not.Contain("--sys-root").And.Not.Contain("--passwd-file"));
        var env = new Dictionary<string, string> { ["SYSMEDIC_PROC_ROOT"] = FixturePaths.Proc("legacy"), ["SYSMEDIC_SYS_ROOT"] = "/nowhere", ["SYSMEDIC_PASSWD_FILE"] = FixturePaths.Passwd };
        var options = SysMedic.Tui.Commands.CliConfig.SamplerOptions(new SysMedic.Core.Config.SysMedicConfig(), null, "/given", null, name => env.GetValueOrDefault(name));
        Assert.That((options.ProcRoot, options.SysRoot, options.PasswdPath, options.Hostname), Is.EqualTo((FixturePaths.Proc("legacy"), "/given", FixturePaths.Passwd, "legacy01")));
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

using System.Runtime.Versioning;
using SysMedic.Core.Config;
using SysMedic.Tui.Commands;

namespace SysMedic.Tests.Config;

[SupportedOSPlatform("linux")]
public class ConfigCommandTests
{
    private TempDirectory _dir = null!;
    private string _config = null!;

    [SetUp]
    public void CreateDirectory()
    {
        _dir = new TempDirectory();
        _config = _dir.File("config.yaml");
    }

    [TearDown]
    public void RemoveDirectory() => _dir.Dispose();

    private static (int Code, string Out, string Err) Run(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        int code = SysMedicCli.Run(args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    [Test]
    public void Show_without_a_file_says_so_and_prints_the_defaults()
    {
        var (code, output, error) = Run("config", "show", "--config", _config);
        Assert.That(code, Is.EqualTo(SysMedicCli.Ok), error);
        Assert.That(output, Does.StartWith($"# configuration: {_config} (not found: built-in defaults)\n"));
        Assert.That(output, Does.Contain("\nmonitoring.check_interval              60\n"));
        Assert.That(output, Does.Not.Contain("# file"));
    }

    [Test]
    public void Show_redacts_secrets_and_names_the_line_of_each_value_set_in_the_file()
    {
        File.WriteAllText(_config, "# mine\nwebsocket:\n  secret: \"do-not-print-this-secret\"\n  port: 8060\n  max_clients: 5\n");
        var (code, output, _) = Run("config", "show", "--config", _config);
        Assert.That(code, Is.EqualTo(SysMedicCli.Ok));
        Assert.That(output, Does.Not.Contain("do-not-print-this-secret"));
        Assert.That(output, Does.Contain($"websocket.secret                       \"********\"           # file {_config}:3\n"));
        Assert.That(output, Does.Contain($"websocket.max_clients                  5                    # file {_config}:5\n"));
        Assert.That(output, Does.Contain("websocket.port                         8060\n"), "a default repeated in the file has no note");
    }

    [Test]
    [NonParallelizable]
    public void Show_names_the_environment_variable_a_value_came_from()
    {
        Environment.SetEnvironmentVariable("SYSMEDIC_MONITORING__CPU_THRESHOLD", "91");
        try
        {
            var (_, output, _) = Run("config", "show", "--config", _config);
            Assert.That(output, Does.Contain("monitoring.cpu_threshold               91                   # environment SYSMEDIC_MONITORING__CPU_THRESHOLD\n"));
        }
        finally
        {
            Environment.SetEnvironmentVariable("SYSMEDIC_MONITORING__CPU_THRESHOLD", null);
        }
    }

    [Test]
    [NonParallelizable]
    public void The_config_variable_chooses_the_file_and_the_option_wins_over_it()
    {
        string other = _dir.File("other.yaml");
        Environment.SetEnvironmentVariable(ConfigEnvironment.ConfigFileVariable, other);
        try
        {
            Assert.That(Run("config", "path").Out, Is.EqualTo(other + "\n"));
            Assert.That(Run("config", "path", "--config", _config).Out, Is.EqualTo(_config + "\n"));
        }
        finally
        {
            Environment.SetEnvironmentVariable(ConfigEnvironment.ConfigFileVariable, null);
        }
    }

    [Test]
    public void Path_notes_on_stderr_when_the_file_does_not_exist()
    {
        var (code, output, error) = Run("config", "path", "--config", _config);
        Assert.That((code, output), Is.EqualTo((SysMedicCli.Ok, _config + "\n")));
        Assert.That(error, Does.Contain("does not exist; the built-in defaults are in use"));
    }

    [Test]
    public void Show_of_an_invalid_file_prints_the_problems_and_exits_2()
    {
        File.WriteAllText(_config, "monitoring:\n  check_interval: sixty\n");
        var (code, output, error) = Run("config", "show", "--config", _config);
        Assert.That(code, Is.EqualTo(SysMedicCli.BadUsage));
        Assert.That(output, Is.Empty);
        Assert.That(error, Does.StartWith($"{_config}:2:19: monitoring.check_interval: \"sixty\" is not a whole number of seconds (1..86400)\n"));
        Assert.That(error, Does.Contain("invalid configuration (1 error)"));
    }

    [Test]
    public void Set_creates_the_file_from_the_documented_defaults_and_reports_the_change()
    {
        var (code, output, _) = Run("config", "set", "user_filtering.excluded_users", "[\"root\",\"daemon\"]", "--config", _config);
        Assert.That(code, Is.EqualTo(SysMedicCli.Ok));
        Assert.That(output, Is.EqualTo($"user_filtering.excluded_users: [\"root\", \"daemon\", \"www-data\"] -> [\"root\", \"daemon\"] (created {_config})\n"));
        Assert.That(File.ReadAllText(_config), Does.Contain("  excluded_users: [\"root\", \"daemon\"]   # Never tracked\n"));
    }

    [Test]
    public void Set_of_an_invalid_value_exits_2_and_leaves_the_file_alone()
    {
        File.WriteAllText(_config, "# mine\nwebsocket:\n  port: 8060\n");
        var (code, _, error) = Run("config", "set", "websocket.port", "99999", "--config", _config);
        Assert.That(code, Is.EqualTo(SysMedicCli.BadUsage));
        Assert.That(error, Is.EqualTo("sysmedic: websocket.port: \"99999\" is not a port number (1..65535)\n"));
        Assert.That(File.ReadAllText(_config), Is.EqualTo("# mine\nwebsocket:\n  port: 8060\n"));
    }

    [Test]
    public void Set_into_a_file_that_cannot_be_written_exits_1()
    {
        string blocked = Path.Combine(_dir.File("not-a-directory"), "config.yaml");
        File.WriteAllText(_dir.File("not-a-directory"), "");
        var (code, _, error) = Run("config", "set", "websocket.port", "9000", "--config", blocked);
        Assert.That(code, Is.EqualTo(SysMedicCli.Failed));
        Assert.That(error, Does.StartWith($"sysmedic: {blocked}: cannot be written"));
    }

    [Test]
    public void Validate_of_a_valid_file_exits_0_and_says_valid()
    {
        var (code, output, error) = Run("config", "validate", ConfigFixtures.File("valid", "minimal.yaml"));
        Assert.That((code, error), Is.EqualTo((SysMedicCli.Ok, "")));
        Assert.That(output, Is.EqualTo($"{ConfigFixtures.File("valid", "minimal.yaml")}: valid\n"));
    }

    [Test]
    public void Validate_lists_every_problem_and_exits_2()
    {
        File.WriteAllText(_config, "monitoring:\n  check_interval: 0\n  cpu_treshold: 5\nwebsocket:\n  port: x\n");
        var (code, output, error) = Run("config", "validate", _config);
        Assert.That(code, Is.EqualTo(SysMedicCli.BadUsage));
        Assert.That(error.Split('\n', StringSplitOptions.RemoveEmptyEntries), Is.EqualTo(new[]
        {
            $"{_config}:2:19: monitoring.check_interval: \"0\" is not a whole number of seconds (1..86400)",
            $"{_config}:3:3: warning: monitoring.cpu_treshold: unknown key, ignored; did you mean \"cpu_threshold\"?",
            $"{_config}:5:9: websocket.port: \"x\" is not a port number (1..65535)",
        }));
        Assert.That(output, Is.EqualTo($"{_config}: invalid (2 errors, 1 warning)\n"));
    }

    [Test]
    public void Validate_of_broken_yaml_gives_one_line_and_no_stack_trace()
    {
        File.WriteAllText(_config, "monitoring:\n  check_interval: [60\n");
        var (code, _, error) = Run("config", "validate", _config);
        Assert.That(code, Is.EqualTo(SysMedicCli.BadUsage));
        Assert.That(error, Does.StartWith($"{_config}:").And.Contain("YAML syntax error"));
        Assert.That(error, Does.Not.Contain("   at "));
    }

    [Test]
    public void Validate_of_a_named_file_that_does_not_exist_exits_2()
    {
        var (code, _, error) = Run("config", "validate", _config);
        Assert.That(code, Is.EqualTo(SysMedicCli.BadUsage));
        Assert.That(error, Is.EqualTo($"sysmedic: {_config}: no such file\n"));
    }

    [Test]
    public void The_helper_for_other_commands_refuses_an_invalid_file_with_exit_2()
    {
        File.WriteAllText(_config, "monitoring:\n  cpu_threshold: 0\n");
        using var error = new StringWriter();
        var ex = Assert.Throws<CliUsageException>(() => CliConfig.Require(ConfigFixtures.Load(_config), error));
        Assert.That(ex!.Message, Is.EqualTo($"{_config}: invalid configuration (1 error); nothing was done"));
        Assert.That(error.ToString(), Does.Contain("monitoring.cpu_threshold: \"0\" is not a percentage (1..100)"));
    }
}

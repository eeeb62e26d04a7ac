using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

public class ConfigEnvironmentTests
{
    // "" is no file at all: these tests are about the variables (an empty file would add its own warning).
    private static ConfigLoadResult Load(string text, params (string Name, string Value)[] variables) =>
        ConfigLoader.LoadText(text.Length == 0 ? null : text, "config.yaml", variables.ToDictionary(v => v.Name, v => v.Value), ConfigFixtures.RootLayout);

    [Test]
    public void A_section_variable_overrides_the_file_and_is_recorded_as_its_origin()
    {
        var result = Load("monitoring:\n  cpu_threshold: 70\n", ("SYSMEDIC_MONITORING__CPU_THRESHOLD", "90"));
        Assert.That(result.Config.Monitoring.CpuThreshold, Is.EqualTo(90));
        Assert.That(result.OriginOf("monitoring.cpu_threshold"), Is.EqualTo(new ConfigOrigin(ConfigSource.Environment, "SYSMEDIC_MONITORING__CPU_THRESHOLD")));
    }

    [Test]
    public void A_top_level_key_has_a_variable_without_a_section()
    {
        var result = Load("", ("SYSMEDIC_DATA_PATH", "/srv/sysmedic"), ("SYSMEDIC_DATABASE_RETENTION_DAYS", "7"));
        Assert.That(result.Config.DataPath, Is.EqualTo("/srv/sysmedic"));
        Assert.That(result.Config.DatabaseRetentionDays, Is.EqualTo(7));
    }

    [Test]
    public void A_list_variable_takes_a_flow_list_or_comma_separated_words()
    {
        var flow = Load("", ("SYSMEDIC_USER_FILTERING__EXCLUDED_USERS", "[\"root\", \"daemon\"]"));
        var words = Load("", ("SYSMEDIC_EMAIL__TO_EMAILS", "a@example.org, b@example.org"));
        Assert.That(flow.Config.UserFiltering.ExcludedUsers, Is.EqualTo(Items("root", "daemon")));
        Assert.That(words.Config.Email.ToEmails, Is.EqualTo(Items("a@example.org", "b@example.org")));
    }

    [Test]
    public void A_string_variable_is_taken_verbatim()
    {
        var result = Load("", ("SYSMEDIC_EMAIL__PASSWORD", "  [not: yaml] # really"));
        Assert.That(result.Config.Email.Password, Is.EqualTo("  [not: yaml] # really"));
    }

    [Test]
    public void A_bad_variable_is_an_error_naming_the_variable_and_the_key()
    {
        var result = Load("", ("SYSMEDIC_WEBSOCKET__PORT", "http"));
        Assert.That(result.Errors.Single().ToString(),
            Is.EqualTo("SYSMEDIC_WEBSOCKET__PORT: websocket.port: \"http\" is not a port number (1..65535)"));
    }

    [Test]
    public void A_misspelt_variable_is_a_warning_with_a_suggestion()
    {
        var result = Load("", ("SYSMEDIC_MONITORING__CPU_TRESHOLD", "90"), ("SYSMEDIC_CONFIG", "/tmp/x.yaml"), ("SYSMEDIC_PROC_ROOT", "/proc"));
        Assert.That(result.IsValid, Is.True);
        Assert.That(result.Diagnostics.Single().ToString(),
            Is.EqualTo("SYSMEDIC_MONITORING__CPU_TRESHOLD: warning: unknown configuration variable, ignored; did you mean \"SYSMEDIC_MONITORING__CPU_THRESHOLD\"?"));
    }

    [Test]
    public void Cross_key_problems_caused_by_a_variable_name_the_variable()
    {
        var result = Load("email:\n  smtp_host: mail.example.org\n  from_email: s@example.org\n", ("SYSMEDIC_EMAIL__ENABLED", "true"));
        Assert.That(result.Errors.Single().ToString(), Does.StartWith("SYSMEDIC_EMAIL__ENABLED: email.to_emails: is empty, but email.enabled is true"));
    }

    private static string[] Items(params string[] items) => items;
}

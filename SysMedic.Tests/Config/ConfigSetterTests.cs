using System.Runtime.Versioning;
using System.Text;
using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

[SupportedOSPlatform("linux")]
public class ConfigSetterTests
{
    private const string Commented = "# keep me\nmonitoring:\n  cpu_threshold: 80   # percent\n\n# trailing words\n";

    private const UnixFileMode Mode0644 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    private static ConfigSetResult Set(string path, string key, string value) => ConfigSetter.Set(path, key, value, ConfigFixtures.RootLayout);

    [Test]
    public void Setting_a_value_rewrites_only_that_value_on_disk()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", Commented);
        var result = Set(path, "monitoring.cpu_threshold", "90");
        Assert.That(result.Status, Is.EqualTo(ConfigSetStatus.Written), string.Join("\n", result.Messages));
        Assert.That(File.ReadAllText(path), Is.EqualTo(Commented.Replace("80", "90", StringComparison.Ordinal)));
        Assert.That((result.OldValue, result.NewValue, result.Created), Is.EqualTo(("80", "90", false)));
    }

    [Test]
    public void Without_a_file_the_documented_default_file_is_written_with_the_new_value()
    {
        using var dir = new TempDirectory();
        string path = Path.Combine(dir.Path, "etc", "sysmedic", "config.yaml");
        var result = Set(path, "monitoring.check_interval", "30");
        Assert.That(result.Created, Is.True, string.Join("\n", result.Messages));
        Assert.That(File.ReadAllText(path), Is.EqualTo(DefaultConfigFile.Text.Replace("check_interval: 60", "check_interval: 30", StringComparison.Ordinal)));
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(Mode0644));
    }

    [Test]
    public void An_invalid_value_is_refused_and_the_file_is_untouched()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", Commented);
        var result = Set(path, "monitoring.cpu_threshold", "ninety");
        Assert.That(result.Status, Is.EqualTo(ConfigSetStatus.Invalid));
        Assert.That(result.Messages.Single(), Is.EqualTo("monitoring.cpu_threshold: \"ninety\" is not a percentage (1..100)"));
        Assert.That(File.ReadAllText(path), Is.EqualTo(Commented));
    }

    [Test]
    public void A_change_that_makes_the_file_invalid_is_refused()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", Commented);
        var result = Set(path, "email.enabled", "true");
        Assert.That(result.Status, Is.EqualTo(ConfigSetStatus.Invalid));
        Assert.That(string.Join("\n", result.Messages), Does.Contain("email.to_emails: is empty, but email.enabled is true"));
        Assert.That(File.ReadAllText(path), Is.EqualTo(Commented));
        Assert.That(Directory.GetFiles(dir.Path), Has.Length.EqualTo(1), "no temporary file left");
    }

    [Test]
    public void An_unknown_key_is_refused_with_a_suggestion()
    {
        using var dir = new TempDirectory();
        var result = Set(dir.File("config.yaml"), "monitoring.cpu_treshold", "90");
        Assert.That(result.Messages.Single(), Is.EqualTo("monitoring.cpu_treshold: unknown key; did you mean \"monitoring.cpu_threshold\"?"));
        Assert.That(File.Exists(dir.File("config.yaml")), Is.False);
    }

    [Test]
    public void A_list_is_set_from_a_flow_list()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", "user_filtering:\n  excluded_users: []\n");
        Set(path, "user_filtering.excluded_users", "[\"root\",\"daemon\"]");
        Assert.That(File.ReadAllText(path), Is.EqualTo("user_filtering:\n  excluded_users: [\"root\", \"daemon\"]\n"));
    }

    [Test]
    public void A_file_that_gets_a_secret_becomes_private_and_the_secret_is_not_echoed()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", Commented);
        File.SetUnixFileMode(path, Mode0644);
        var result = Set(path, "email.password", "hunter2-hunter2");
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(result.NewValue, Is.EqualTo("\"********\""));
    }

    [Test]
    public void The_mode_of_an_existing_file_is_kept()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", Commented);
        var mode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
        File.SetUnixFileMode(path, mode);
        Set(path, "monitoring.cpu_threshold", "90");
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(mode));
    }

    [Test]
    public void A_symbolic_link_stays_a_link_and_its_target_is_changed()
    {
        using var dir = new TempDirectory();
        string target = dir.Write("real.yaml", Commented);
        string link = dir.File("config.yaml");
        File.CreateSymbolicLink(link, target);
        Set(link, "monitoring.cpu_threshold", "90");
        Assert.That(new FileInfo(link).LinkTarget, Is.EqualTo(target));
        Assert.That(File.ReadAllText(target), Does.Contain("cpu_threshold: 90"));
    }

    [Test]
    public void A_byte_order_mark_is_kept()
    {
        using var dir = new TempDirectory();
        string path = dir.File("config.yaml");
        File.WriteAllBytes(path, [0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Commented)]);
        Set(path, "monitoring.cpu_threshold", "90");
        Assert.That(File.ReadAllBytes(path), Is.EqualTo((byte[])[0xEF, 0xBB, 0xBF, .. Encoding.UTF8.GetBytes(Commented.Replace("80", "90", StringComparison.Ordinal))]));
    }

    [Test]
    public void The_owner_of_an_existing_file_is_kept()
    {
        Assume.That(SysMedic.Core.ProcFs.LibC.geteuid(), Is.Zero, "only root can give a file to another user");
        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", Commented);
        Assert.That(FileOwnership.TrySet(path, 65534, 65534), Is.True);
        Set(path, "monitoring.cpu_threshold", "90");
        Assert.That(FileOwnership.TryGet(path, out uint uid, out uint gid), Is.True);
        Assert.That((uid, gid), Is.EqualTo((65534u, 65534u)));
        Assert.That(File.ReadAllText(path), Does.Contain("cpu_threshold: 90"));
    }

    [Test]
    public void A_new_per_user_threshold_is_reported_as_set_from_none()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", Commented);
        var result = Set(path, "user_thresholds.alice.cpu_threshold", "95");
        Assert.That((result.OldValue, result.NewValue), Is.EqualTo(("(none)", "95")));
        Assert.That(File.ReadAllText(path), Is.EqualTo(Commented.Replace("# percent\n", "# percent\nuser_thresholds:\n  alice:\n    cpu_threshold: 95\n", StringComparison.Ordinal)));
    }
}

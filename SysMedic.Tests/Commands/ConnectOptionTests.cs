namespace SysMedic.Tests.Commands;

/// <summary><c>sysmedic --connect</c> on the command line (no terminal here, so the console itself does not start).</summary>
[NonParallelizable]
public class ConnectOptionTests
{
    private string _dir = "";
    private readonly Dictionary<string, string?> _saved = [];

    [SetUp]
    public void Create()
    {
        _dir = Directory.CreateTempSubdirectory("sysmedic-connect-").FullName;
        foreach (string name in (string[])["SYSMEDIC_SECRET", "XDG_CONFIG_HOME"])
        {
            _saved[name] = Environment.GetEnvironmentVariable(name);
        }

        Environment.SetEnvironmentVariable("SYSMEDIC_SECRET", null);
        Environment.SetEnvironmentVariable("XDG_CONFIG_HOME", Path.Combine(_dir, "config"));
    }

    [TearDown]
    public void Remove()
    {
        foreach (var (name, value) in _saved)
        {
            Environment.SetEnvironmentVariable(name, value);
        }

        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public void A_secret_on_the_command_line_is_warned_about()
    {
        var (_, _, error) = CliRunner.Run("--connect", "sysmedic://s3cret-s3cret-s3cret@127.0.0.1:1/");
        Assert.That(error, Does.StartWith("sysmedic: warning: the secret in --connect is visible to every local user"));
    }

    [Test]
    public void A_secret_file_needs_no_secret_in_the_url_and_no_warning()
    {
        string file = Path.Combine(_dir, "secret");
        File.WriteAllText(file, "s3cret-s3cret-s3cret\n");
        File.SetUnixFileMode(file, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        var (code, _, error) = CliRunner.Run("--connect", "sysmedic://127.0.0.1:1/", "--secret-file", file);
        Assert.That(error, Does.Not.Contain("warning"));
        Assert.That(error, Does.Contain("needs a terminal"), "past the secret, on to the console");
        Assert.That(code, Is.EqualTo(2));
    }

    [Test]
    public void A_url_without_a_secret_and_none_elsewhere_is_bad_usage()
    {
        var (code, _, error) = CliRunner.Run("--connect", "sysmedic://127.0.0.1:1/");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("sysmedic: --connect: no secret for 127.0.0.1:1"));
    }
}

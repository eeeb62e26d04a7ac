using System.Text.Json;

namespace SysMedic.Tests.Commands;

/// <summary><c>sysmedic hosts add|remove|list</c> on a hosts.yaml in a temporary XDG_CONFIG_HOME.</summary>
[NonParallelizable]
public class HostsCommandTests
{
    private const string UrlSecret = "url-secret-url-secret-1234";
    private const string EnvSecret = "env-secret-env-secret-5678";
    private const string FileSecret = "file-secret-file-secret-9012";
    private string _dir = "";
    private readonly Dictionary<string, string?> _saved = [];

    [SetUp]
    public void Create()
    {
        _dir = Directory.CreateTempSubdirectory("sysmedic-hosts-cli-").FullName;
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

    private string HostsFile => Path.Combine(_dir, "config", "sysmedic", "hosts.yaml");

    private string SecretFile(string text)
    {
        string path = Path.Combine(_dir, "web01.secret");
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    private static (int Code, string Out, string Err) WithEnvironmentSecret(string secret, params string[] args)
    {
        Environment.SetEnvironmentVariable("SYSMEDIC_SECRET", secret);
        try
        {
            return CliRunner.Run(args);
        }
        finally
        {
            Environment.SetEnvironmentVariable("SYSMEDIC_SECRET", null);
        }
    }

    [Test]
    public void Add_list_and_remove_go_round_the_file()
    {
        string file = SecretFile(FileSecret + "\n");
        var added = CliRunner.Run("hosts", "add", "web01", "sysmedic://web01.example.com:8060/", "--secret-file", file);
        Assert.That(added, Is.EqualTo((0, $"added web01 (web01.example.com:8060) to {HostsFile}\n", "")));
        Assert.That(WithEnvironmentSecret(EnvSecret, "hosts", "add", "db01", "sysmedics://10.0.0.7:9443/").Code, Is.Zero);

        var (code, output, _) = CliRunner.Run("hosts", "list");
        Assert.That(code, Is.Zero);
        string[] lines = output.TrimEnd('\n').Split('\n');
        Assert.That(lines, Has.Length.EqualTo(3));
        Assert.That(lines[0], Does.Match(@"^NAME +ADDRESS +SECRET +LAST USED \(UTC\)$"));
        Assert.That(lines[1..].Select(l => l.Split("  ", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)[..3]),
            Is.EquivalentTo(new[] { new[] { "web01", "web01.example.com:8060", $"file {file}" }, ["db01", "10.0.0.7:9443 TLS", "inline"] }));

        Assert.That(CliRunner.Run("hosts", "remove", "WEB01"), Is.EqualTo((0, $"removed WEB01 from {HostsFile}\n", "")));
        Assert.That(CliRunner.Run("hosts", "list").Out, Does.Not.Contain("web01"));
        Assert.That(CliRunner.Run("hosts", "remove", "web01"), Is.EqualTo((1, "", $"sysmedic: no host named web01 in {HostsFile}\n")));
    }

    [Test]
    public void List_never_prints_a_secret()
    {
        Assert.That(CliRunner.Run("hosts", "add", "a", $"sysmedic://{UrlSecret}@10.0.0.1:8060/").Code, Is.Zero);
        Assert.That(WithEnvironmentSecret(EnvSecret, "hosts", "add", "b", "sysmedic://10.0.0.2:8060/").Code, Is.Zero);
        Assert.That(CliRunner.Run("hosts", "add", "c", "sysmedic://10.0.0.3:8060/", "--secret-file", SecretFile(FileSecret)).Code, Is.Zero);
        Assert.That(File.ReadAllText(HostsFile), Does.Contain(UrlSecret).And.Contain(EnvSecret), "the secrets are in the file");

        foreach (string[] args in (string[][])[["hosts", "list"], ["hosts", "list", "--json"], ["hosts"]])
        {
            var (code, output, error) = CliRunner.Run(args);
            Assert.That(code, Is.Zero);
            Assert.That(output + error, Does.Not.Contain(UrlSecret).And.Not.Contain(EnvSecret).And.Not.Contain(FileSecret), string.Join(' ', args));
            Assert.That(output, Does.Contain("10.0.0.3"), "it did list the hosts");
        }
    }

    [Test]
    public void Json_says_where_each_secret_comes_from_and_why_a_file_cannot_be_read()
    {
        string file = SecretFile(FileSecret);
        Assert.That(CliRunner.Run("hosts", "add", "web01", "sysmedics://web01:9443/", "--secret-file", file).Code, Is.Zero);
        File.Delete(file);

        Assert.That(CliRunner.Run("hosts", "list").Out, Does.Contain($"file {file} (unreadable: No such file or directory)"));
        using JsonDocument json = JsonDocument.Parse(CliRunner.Run("hosts", "list", "--json").Out);
        JsonElement host = json.RootElement.EnumerateArray().Single();
        Assert.Multiple(() =>
        {
            Assert.That(host.GetProperty("name").GetString(), Is.EqualTo("web01"));
            Assert.That(host.GetProperty("host").GetString(), Is.EqualTo("web01"));
            Assert.That(host.GetProperty("port").GetInt32(), Is.EqualTo(9443));
            Assert.That(host.GetProperty("tls").GetBoolean(), Is.True);
            Assert.That(host.GetProperty("secret_source").GetString(), Is.EqualTo("file"));
            Assert.That(host.GetProperty("secret_file").GetString(), Is.EqualTo(file));
            Assert.That(host.GetProperty("secret_error").GetString(), Is.EqualTo("No such file or directory"));
            Assert.That(host.GetProperty("last_used").GetDateTimeOffset(), Is.EqualTo(DateTimeOffset.UtcNow).Within(TimeSpan.FromMinutes(5)));
        });
    }

    [Test]
    public void An_empty_list_says_how_to_add_a_host()
    {
        Assert.That(CliRunner.Run("hosts", "list"), Is.EqualTo((0, $"no hosts in {HostsFile}; add one with sysmedic hosts add NAME URL\n", "")));
        Assert.That(CliRunner.Run("hosts", "list", "--json").Out.Trim(), Is.EqualTo("[]"));
    }

    [Test]
    public void Without_a_secret_add_is_bad_usage_naming_the_three_ways_to_give_one()
    {
        var (code, _, error) = CliRunner.Run("hosts", "add", "web01", "sysmedic://web01:8060/");
        Assert.That(code, Is.EqualTo(2));
        Assert.That(error, Does.StartWith("sysmedic: hosts add: no secret for web01:8060").And.Contain("--secret-file").And.Contain("SYSMEDIC_SECRET")
            .And.Contain("sysmedic://SECRET@HOST:PORT/"));
        Assert.That(File.Exists(HostsFile), Is.False);
    }

    [Test]
    public void A_secret_in_the_url_is_kept_with_a_warning_about_ps_and_the_shell_history()
    {
        var (code, _, error) = CliRunner.Run("hosts", "add", "web01", $"sysmedic://{UrlSecret}@web01:8060/");
        Assert.That(code, Is.Zero);
        Assert.That(error, Does.StartWith("sysmedic: warning: the secret in the URL is visible to every local user (ps, /proc/PID/cmdline)")
            .And.Contain("shell's history").And.Contain("sysmedic://web01:8060/").And.Not.Contain(UrlSecret));
        Assert.That(File.ReadAllText(HostsFile), Does.Contain($"secret: \"{UrlSecret}\""));
        Assert.That(File.GetUnixFileMode(HostsFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void A_taken_name_fails_and_a_bad_name_url_or_secret_file_is_bad_usage()
    {
        Assert.That(CliRunner.Run("hosts", "add", "web01", $"sysmedic://{UrlSecret}@web01:8060/").Code, Is.Zero);
        byte[] before = File.ReadAllBytes(HostsFile);

        var taken = CliRunner.Run("hosts", "add", "Web01", $"sysmedic://{UrlSecret}@web02:8060/");
        Assert.That(taken.Code, Is.EqualTo(1));
        Assert.That(taken.Err, Does.Contain("already has a host named web01"));
        Assert.That(CliRunner.Run("hosts", "add", "web 02", $"sysmedic://{UrlSecret}@web02:8060/").Code, Is.EqualTo(2));
        Assert.That(CliRunner.Run("hosts", "add", "web02", "http://web02:8060/").Code, Is.EqualTo(2));
        var missing = CliRunner.Run("hosts", "add", "web02", "sysmedic://web02:8060/", "--secret-file", Path.Combine(_dir, "absent"));
        Assert.That(missing.Code, Is.EqualTo(2));
        Assert.That(missing.Err, Does.Contain($"{Path.Combine(_dir, "absent")}: No such file or directory"));
        Assert.That(File.ReadAllBytes(HostsFile), Is.EqualTo(before));
    }

    [Test]
    public void A_broken_hosts_file_is_named_with_its_line_and_left_as_it_is()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(HostsFile)!);
        File.WriteAllText(HostsFile, "# mine\nhosts:\n  - name: web01\n    host: web01\n    port: 8060\n    secret: \"s3cret\n");
        byte[] before = File.ReadAllBytes(HostsFile);

        foreach (string[] args in (string[][])[["hosts", "add", "db01", $"sysmedic://{UrlSecret}@db01:8060/"], ["hosts", "remove", "web01"], ["hosts", "list"]])
        {
            var (code, _, error) = CliRunner.Run(args);
            Assert.That(code, Is.EqualTo(1), string.Join(' ', args));
            Assert.That(error, Does.Contain($"sysmedic: {HostsFile}:6: YAML syntax error"), string.Join(' ', args));
        }

        Assert.That(File.ReadAllBytes(HostsFile), Is.EqualTo(before));
    }
}

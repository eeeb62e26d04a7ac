using SysMedic.Core.Protocol;
using SysMedic.Tui.Connection;

namespace SysMedic.Tests.Tui;

/// <summary>Where <c>sysmedic --connect</c> finds a relay's secret, so that it need not be on the command line.</summary>
public class RemoteSecretTests
{
    private const string Secret = "Zm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTBhYmNkZWY";
    private string _dir = "";
    private Dictionary<string, string> _env = [];

    [SetUp]
    public void Create()
    {
        _dir = Directory.CreateTempSubdirectory("sysmedic-secret-").FullName;
        _env = new Dictionary<string, string> { ["HOME"] = _dir, ["XDG_CONFIG_HOME"] = Path.Combine(_dir, "config") };
    }

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    private (QuickConnectUrl? Url, string? Problem, string Warnings) Resolve(string text, string? secretFile = null)
    {
        using var warnings = new StringWriter();
        bool ok = RemoteSecret.TryResolve(text, secretFile, k => _env.GetValueOrDefault(k), warnings, out QuickConnectUrl? url, out string? problem);
        Assert.That(ok, Is.EqualTo(url is not null));
        return (url, problem, warnings.ToString());
    }

    private string SecretFile(string text)
    {
        string path = Path.Combine(_dir, "relay.secret");
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    [Test]
    public void A_secret_in_the_url_still_works_with_a_warning_that_every_local_user_sees_it_in_ps()
    {
        var (url, _, warnings) = Resolve($"sysmedic://{Secret}@web01:8060/");
        Assert.That(url, Is.EqualTo(new QuickConnectUrl(Secret, "web01", 8060, false)));
        Assert.That(warnings, Does.StartWith("sysmedic: warning: the secret in --connect is visible to every local user (ps, /proc/PID/cmdline)"));
        Assert.That(warnings, Does.Contain("--secret-file").And.Contain(RemoteSecret.Variable).And.Contain("sysmedic://web01:8060/"));
        Assert.That(warnings, Does.Not.Contain(Secret));
    }

    [Test]
    public void A_url_without_a_secret_takes_it_from_a_secret_file_without_its_line_end()
    {
        var (url, problem, warnings) = Resolve("sysmedics://web01:9443/", SecretFile(Secret + "\n"));
        Assert.That(url, Is.EqualTo(new QuickConnectUrl(Secret, "web01", 9443, true)), problem);
        Assert.That(warnings, Is.Empty);
    }

    [Test]
    public void A_url_without_a_secret_takes_it_from_the_environment()
    {
        _env[RemoteSecret.Variable] = Secret;
        Assert.That(Resolve("sysmedic://10.0.0.7:8060/").Url!.Secret, Is.EqualTo(Secret));
    }

    [Test]
    public void A_url_without_a_secret_takes_it_from_the_recent_hosts_for_the_same_host_and_port()
    {
        string hosts = RecentHosts.PathFor(k => _env.GetValueOrDefault(k));
        RecentHosts.Remember(hosts, new QuickConnectUrl("other-port-secret", "web01", 9000, false), DateTimeOffset.UnixEpoch);
        RecentHosts.Remember(hosts, new QuickConnectUrl(Secret, "WEB01", 8060, false), DateTimeOffset.UnixEpoch);

        Assert.That(Resolve("sysmedic://web01:8060/").Url!.Secret, Is.EqualTo(Secret));
    }

    [Test]
    public void A_named_host_with_a_secret_file_gives_the_file_s_secret_or_names_the_file_it_cannot_read()
    {
        string hosts = RecentHosts.PathFor(k => _env.GetValueOrDefault(k));
        string file = SecretFile(Secret + "\n");
        RecentHosts.Add(hosts, "web01", new QuickConnectUrl("", "web01", 8060, false), file, DateTimeOffset.UnixEpoch);
        Assert.That(Resolve("sysmedic://web01:8060/").Url!.Secret, Is.EqualTo(Secret));

        File.Delete(file);
        Assert.That(Resolve("sysmedic://web01:8060/").Problem, Is.EqualTo($"{hosts}: web01: secret file {file}: No such file or directory"));
    }

    [Test]
    public void A_secret_file_comes_before_the_environment_which_comes_before_the_recent_hosts()
    {
        RecentHosts.Remember(RecentHosts.PathFor(k => _env.GetValueOrDefault(k)), new QuickConnectUrl("from-hosts", "web01", 8060, false), DateTimeOffset.UnixEpoch);
        _env[RemoteSecret.Variable] = "from-environment";
        Assert.That(Resolve("sysmedic://web01:8060/", SecretFile("from-file")).Url!.Secret, Is.EqualTo("from-file"));
        Assert.That(Resolve("sysmedic://web01:8060/").Url!.Secret, Is.EqualTo("from-environment"));
        _env.Remove(RemoteSecret.Variable);
        Assert.That(Resolve("sysmedic://web01:8060/").Url!.Secret, Is.EqualTo("from-hosts"));
    }

    [Test]
    public void Without_a_secret_anywhere_the_problem_says_how_to_give_one()
    {
        var (url, problem, _) = Resolve("sysmedic://web01:8060/");
        Assert.That(url, Is.Null);
        Assert.That(problem, Does.Contain("no secret for web01:8060").And.Contain("--secret-file").And.Contain(RemoteSecret.Variable));
    }

    [Test]
    public void An_empty_or_missing_secret_file_is_a_problem_naming_it()
    {
        string empty = SecretFile("\n");
        Assert.That(Resolve("sysmedic://web01:8060/", empty).Problem, Does.Contain(empty).And.Contain("empty"));
        string missing = Path.Combine(_dir, "absent");
        Assert.That(Resolve("sysmedic://web01:8060/", missing).Problem, Does.Contain(missing));
    }

    [Test]
    public void A_secret_file_others_may_read_gets_a_warning()
    {
        string path = SecretFile(Secret);
        File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
        var (url, _, warnings) = Resolve("sysmedic://web01:8060/", path);
        Assert.That(url, Is.Not.Null);
        Assert.That(warnings, Does.Contain(path).And.Contain("chmod 600"));
    }

    [Test]
    public void A_secret_both_in_the_url_and_in_a_file_is_refused()
    {
        Assert.That(Resolve($"sysmedic://{Secret}@web01:8060/", SecretFile("other")).Problem, Does.Contain("both"));
    }
}

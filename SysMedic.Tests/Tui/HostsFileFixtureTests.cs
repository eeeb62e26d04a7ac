using SysMedic.Tui.Connection;

namespace SysMedic.Tests.Tui;

/// <summary>hosts.yaml read strictly (the hosts commands) and leniently (the console), from one-mistake fixtures.</summary>
public class HostsFileFixtureTests
{
    private static string Fixture(string kind, string name) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "hosts", kind, name);

    private static IEnumerable<string> Names(string kind) =>
        Directory.GetFiles(Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "hosts", kind), "*.yaml").Select(Path.GetFileName).Order()!;

    // file, line, a fragment of the message naming the key and value.
    public static IEnumerable<TestCaseData> InvalidFiles =>
    [
        new("not-yaml.yaml", 4, "YAML syntax error"),
        new("port-out-of-range.yaml", 4, "web01: port: \"99999\" is not a port number (1-65535)"),
        new("secret-and-secret-file.yaml", 6, "web01: secret and secret_file are both given; keep one"),
        new("no-secret.yaml", 2, "web01.example.com: secret: missing; give secret: or secret_file:"),
        new("name-not-a-word.yaml", 5, "web 02: name: \"web 02\" is not a plain word"),
        new("duplicate-name.yaml", 6, "name: \"WEB01\" is already the name of the entry at line 2"),
        new("unknown-key.yaml", 6, "\"group\": unknown key"),
        new("secret-file-relative.yaml", 5, "web01: secret_file: \"secrets/web01\" is not an absolute path"),
        new("tls-not-boolean.yaml", 5, "web01: tls: \"maybe\" is not true or false"),
        new("hosts-not-a-list.yaml", 1, "hosts: \"web01.example.com\" is not a list of hosts"),
        new("entry-not-a-mapping.yaml", 6, "hosts: \"db01.example.com\" is not a host"),
        new("last-used-not-a-time.yaml", 6, "web01: last_used: \"yesterday\" is not a time"),
    ];

    [TestCaseSource(nameof(InvalidFiles))]
    public void A_mistake_stops_the_strict_read_naming_the_file_line_key_and_value(string name, int line, string fragment)
    {
        string path = Fixture("invalid", name);
        var ex = Assert.Throws<HostsFileException>(() => RecentHosts.Read(path));
        Assert.That(ex!.Message, Does.StartWith($"{path}:{line}: "));
        Assert.That(ex.Message, Does.Contain(fragment));
        Assert.That(ex.Line, Is.EqualTo(line));
    }

    [TestCaseSource(nameof(InvalidFiles))]
    public void The_console_reads_a_file_with_a_mistake_without_failing(string name, int line, string fragment)
    {
        Assert.DoesNotThrow(() => RecentHosts.Load(Fixture("invalid", name)), $"{line} {fragment}");
    }

    [Test]
    public void Every_invalid_fixture_has_a_test_case()
    {
        Assert.That(Names("invalid"), Is.EquivalentTo(InvalidFiles.Select(c => (string)c.Arguments[0]!)));
    }

    [Test]
    public void A_file_written_before_names_reads_as_before_each_host_named_by_its_address()
    {
        IReadOnlyList<RecentHost> hosts = RecentHosts.Read(Fixture("valid", "written-before-names.yaml"));

        Assert.That(hosts, Is.EqualTo(new[]
        {
            new RecentHost("web01.example.com", 8060, false, "q3JpZm9vYmFyYmF6cXV4cXV1eDEyMzQ1Njc4OTBhYmM", new DateTimeOffset(2026, 11, 26, 13, 5, 0, TimeSpan.Zero)),
            new RecentHost("10.0.0.5", 9443, true, "c2Vjb25kLXNlY3JldC1zZWNvbmQtc2VjcmV0", new DateTimeOffset(2026, 11, 25, 8, 0, 0, TimeSpan.Zero)),
        }));
        Assert.That(hosts.Select(h => (h.Name, h.Named)), Is.EqualTo(new[] { ("web01.example.com", false), ("10.0.0.5", false) }));
        Assert.That(RecentHosts.Load(Fixture("valid", "written-before-names.yaml")), Is.EqualTo(hosts), "the console reads it the same");
    }

    [Test]
    public void Named_hosts_have_their_name_and_secret_file_and_a_host_never_used_comes_last()
    {
        IReadOnlyList<RecentHost> hosts = RecentHosts.Read(Fixture("valid", "named-and-remembered.yaml"));

        Assert.That(hosts.Select(h => (h.Name, h.Named, h.SecretFile, h.Secret.Length > 0)), Is.EqualTo(new[]
        {
            ("web01", true, "/etc/sysmedic/web01.secret", false),
            ("10.0.0.5", false, null, true),
            ("db01", true, null, true),
        }));
        Assert.That(hosts[2].LastUsed, Is.EqualTo(DateTimeOffset.UnixEpoch));
    }
}

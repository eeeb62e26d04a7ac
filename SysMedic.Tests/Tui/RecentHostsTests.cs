using SysMedic.Core.Protocol;
using SysMedic.Tui.Connection;

namespace SysMedic.Tests.Tui;

public class RecentHostsTests
{
    private string _dir = "";

    [SetUp]
    public void Create() => _dir = Directory.CreateTempSubdirectory("sysmedic-hosts-").FullName;

    [TearDown]
    public void Clean() => Directory.Delete(_dir, recursive: true);

    private string HostsFile => Path.Combine(_dir, "sysmedic", "hosts.yaml");

    [Test]
    public void Lives_in_xdg_config_home_or_dot_config()
    {
        Assert.That(RecentHosts.PathFor(k => k switch { "XDG_CONFIG_HOME" => "/x/conf", "HOME" => "/home/ann", _ => null }), Is.EqualTo("/x/conf/sysmedic/hosts.yaml"));
        Assert.That(RecentHosts.PathFor(k => k == "HOME" ? "/home/ann" : null), Is.EqualTo("/home/ann/.config/sysmedic/hosts.yaml"));
    }

    [Test]
    public void Remembers_hosts_newest_first_with_their_secret_in_a_private_file()
    {
        var t = new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
        RecentHosts.Remember(HostsFile, new QuickConnectUrl("first-secret", "web01.example.com", 8060, false), t);
        RecentHosts.Remember(HostsFile, new QuickConnectUrl("sec\"ret: #1", "::1", 9443, true), t.AddMinutes(1));

        IReadOnlyList<RecentHost> hosts = RecentHosts.Load(HostsFile);

        Assert.Multiple(() =>
        {
            Assert.That(hosts.Select(h => h.Host), Is.EqualTo(new[] { "::1", "web01.example.com" }));
            Assert.That(hosts[0], Is.EqualTo(new RecentHost("::1", 9443, true, "sec\"ret: #1", t.AddMinutes(1))));
            Assert.That(hosts[1].ToUrl(), Is.EqualTo(new QuickConnectUrl("first-secret", "web01.example.com", 8060, false)));
            Assert.That(File.GetUnixFileMode(HostsFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
            Assert.That(Directory.GetFiles(Path.GetDirectoryName(HostsFile)!), Has.Length.EqualTo(1), "no temporary file left behind");
        });
    }

    [Test]
    public void The_same_host_and_port_again_moves_to_the_top_with_the_new_secret()
    {
        var t = new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
        RecentHosts.Remember(HostsFile, new QuickConnectUrl("old", "web01", 8060, false), t);
        RecentHosts.Remember(HostsFile, new QuickConnectUrl("x", "db01", 8060, false), t.AddMinutes(1));
        RecentHosts.Remember(HostsFile, new QuickConnectUrl("new", "WEB01", 8060, false), t.AddMinutes(2));

        IReadOnlyList<RecentHost> hosts = RecentHosts.Load(HostsFile);

        Assert.That(hosts.Select(h => (h.Host, h.Secret)), Is.EqualTo(new[] { ("WEB01", "new"), ("db01", "x") }));
    }

    [Test]
    public void A_missing_or_broken_file_means_no_recent_hosts()
    {
        Assert.That(RecentHosts.Load(HostsFile), Is.Empty);
        Directory.CreateDirectory(Path.GetDirectoryName(HostsFile)!);
        File.WriteAllText(HostsFile, "hosts: [ {host: a\n");
        Assert.That(RecentHosts.Load(HostsFile), Is.Empty);
        File.WriteAllText(HostsFile, "hosts:\n  - host: a\n    port: 99999\n    secret: s\n  - host: b\n    port: 8060\n    secret: s\n");
        Assert.That(RecentHosts.Load(HostsFile).Select(h => h.Host), Is.EqualTo(new[] { "b" }), "an entry with a bad port is skipped");
    }

    private static readonly DateTimeOffset T0 = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    private string SecretFile(string name, string text)
    {
        string path = Path.Combine(_dir, name);
        File.WriteAllText(path, text);
        File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        return path;
    }

    [Test]
    public void Added_hosts_keep_their_name_and_secret_file_across_a_save_and_a_read()
    {
        string file = SecretFile("db01.secret", "file-secret\n");
        RecentHosts.Add(HostsFile, "web01", new QuickConnectUrl("inline-secret", "web01.example.com", 8060, false), null, T0);
        RecentHosts.Add(HostsFile, "db01", new QuickConnectUrl("", "10.0.0.7", 9443, true), file, T0.AddMinutes(1));
        RecentHosts.Remember(HostsFile, new QuickConnectUrl("auto-secret", "10.0.0.9", 8060, false), T0.AddMinutes(2));

        IReadOnlyList<RecentHost> hosts = RecentHosts.Read(HostsFile);

        Assert.That(hosts, Is.EqualTo(new[]
        {
            new RecentHost("10.0.0.9", 8060, false, "auto-secret", T0.AddMinutes(2)),
            new RecentHost("10.0.0.7", 9443, true, "", T0.AddMinutes(1)) { ExplicitName = "db01", SecretFile = file },
            new RecentHost("web01.example.com", 8060, false, "inline-secret", T0) { ExplicitName = "web01" },
        }));
        string text = File.ReadAllText(HostsFile);
        Assert.That(text, Does.Not.Contain("file-secret"), "a secret file's content stays in its file");
        Assert.That(text.Split('\n').Count(l => l.Contains("name:", StringComparison.Ordinal)), Is.EqualTo(2), "only named hosts get name:");
        Assert.That(File.GetUnixFileMode(HostsFile), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void Connecting_to_a_named_host_again_keeps_its_name_and_secret_file()
    {
        string file = SecretFile("web01.secret", "from-file\n");
        RecentHosts.Add(HostsFile, "web01", new QuickConnectUrl("", "web01.example.com", 8060, false), file, T0);
        RecentHosts.Add(HostsFile, "db01", new QuickConnectUrl("old-inline", "db01.example.com", 8060, false), null, T0);

        RecentHosts.Remember(HostsFile, new QuickConnectUrl("typed-in-the-form", "WEB01.example.com", 8060, false), T0.AddHours(1));
        RecentHosts.Remember(HostsFile, new QuickConnectUrl("new-inline", "db01.example.com", 8060, false), T0.AddHours(2));

        IReadOnlyList<RecentHost> hosts = RecentHosts.Read(HostsFile);
        Assert.That(hosts, Is.EqualTo(new[]
        {
            new RecentHost("db01.example.com", 8060, false, "new-inline", T0.AddHours(2)) { ExplicitName = "db01" },
            new RecentHost("web01.example.com", 8060, false, "", T0.AddHours(1)) { ExplicitName = "web01", SecretFile = file },
        }));
        Assert.That(File.ReadAllText(HostsFile), Does.Not.Contain("typed-in-the-form"));
    }

    [Test]
    public void The_cap_drops_only_the_oldest_hosts_remembered_at_connect()
    {
        for (int i = 0; i < 3; i++)
        {
            RecentHosts.Add(HostsFile, $"named{i}", new QuickConnectUrl("s", $"10.1.0.{i}", 8060, false), null, T0.AddDays(-100 + i));
        }

        for (int i = 0; i < RecentHosts.MaxHosts + 5; i++)
        {
            RecentHosts.Remember(HostsFile, new QuickConnectUrl("s", $"10.2.0.{i}", 8060, false), T0.AddMinutes(i));
        }

        IReadOnlyList<RecentHost> hosts = RecentHosts.Read(HostsFile);
        Assert.That(hosts.Where(h => h.Named).Select(h => h.Name), Is.EquivalentTo(new[] { "named0", "named1", "named2" }), "older than all, yet kept");
        Assert.That(hosts.Where(h => !h.Named).Select(h => h.Host),
            Is.EqualTo(Enumerable.Range(5, RecentHosts.MaxHosts).Reverse().Select(i => $"10.2.0.{i}")), "the five oldest remembered went");
    }

    [Test]
    public void A_secret_file_is_read_when_connecting_and_its_error_names_the_host_and_the_file()
    {
        string file = SecretFile("web01.secret", "first\n");
        RecentHost host = RecentHosts.Add(HostsFile, "web01", new QuickConnectUrl("", "web01.example.com", 8060, true), file, T0);
        File.WriteAllText(file, "second\n");

        Assert.That(host.TryGetUrl(out QuickConnectUrl? url, out string? error), Is.True, error);
        Assert.That(url, Is.EqualTo(new QuickConnectUrl("second", "web01.example.com", 8060, true)), "read now, trailing newline off");

        File.Delete(file);
        Assert.That(host.TryGetUrl(out url, out error), Is.False);
        Assert.That(error, Is.EqualTo($"web01: secret file {file}: No such file or directory"));
        Assert.That(url, Is.Null);
    }

    [Test]
    public void A_name_is_taken_whatever_its_case_and_a_relay_has_one_name()
    {
        RecentHosts.Add(HostsFile, "web01", new QuickConnectUrl("s", "web01.example.com", 8060, false), null, T0);
        byte[] before = File.ReadAllBytes(HostsFile);

        var taken = Assert.Throws<InvalidOperationException>(() => RecentHosts.Add(HostsFile, "WEB01", new QuickConnectUrl("s", "10.0.0.1", 8060, false), null, T0));
        Assert.That(taken!.Message, Does.Contain("already has a host named web01"));
        var same = Assert.Throws<InvalidOperationException>(() => RecentHosts.Add(HostsFile, "front", new QuickConnectUrl("s", "WEB01.example.com", 8060, false), null, T0));
        Assert.That(same!.Message, Does.Contain("web01.example.com:8060 as web01"));
        Assert.Throws<ArgumentException>(() => RecentHosts.Add(HostsFile, "web 02", new QuickConnectUrl("s", "10.0.0.2", 8060, false), null, T0));
        Assert.That(File.ReadAllBytes(HostsFile), Is.EqualTo(before));
    }

    [Test]
    public void Names_are_plain_words_of_at_most_64_characters()
    {
        Assert.That(new[] { "web01", "db-2.eu_west", new string('a', 64) }.Select(RecentHosts.IsValidName), Has.All.True);
        Assert.That(new[] { "", "web 01", "a/b", "web01:8060", "wéb", new string('a', 65), "-" }.Select(RecentHosts.IsValidName),
            Is.EqualTo(new[] { false, false, false, false, false, false, true }));
    }

    [Test]
    public void Adding_a_name_to_a_relay_remembered_at_connect_replaces_that_entry()
    {
        RecentHosts.Remember(HostsFile, new QuickConnectUrl("old", "10.0.0.5", 8060, false), T0);
        RecentHosts.Add(HostsFile, "web01", new QuickConnectUrl("new", "10.0.0.5", 8060, false), null, T0.AddMinutes(1));

        Assert.That(RecentHosts.Read(HostsFile).Select(h => (h.Name, h.Secret)), Is.EqualTo(new[] { ("web01", "new") }));
    }

    [Test]
    public void Remove_takes_a_named_host_or_the_remembered_ones_at_an_address()
    {
        RecentHosts.Add(HostsFile, "web01", new QuickConnectUrl("s", "web01.example.com", 8060, false), null, T0);
        RecentHosts.Remember(HostsFile, new QuickConnectUrl("s", "10.0.0.5", 8060, false), T0);

        Assert.That(RecentHosts.Remove(HostsFile, "WEB01"), Is.True);
        Assert.That(RecentHosts.Remove(HostsFile, "web01"), Is.False);
        Assert.That(RecentHosts.Remove(HostsFile, "10.0.0.5"), Is.True);
        Assert.That(RecentHosts.Read(HostsFile), Is.Empty);
    }

    [Test]
    public void Removing_from_a_missing_file_creates_none()
    {
        Assert.That(RecentHosts.Remove(HostsFile, "web01"), Is.False);
        Assert.That(File.Exists(HostsFile), Is.False);
    }

    [Test]
    public void A_file_with_a_mistake_is_never_rewritten()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(HostsFile)!);
        File.WriteAllText(HostsFile, "hosts:\n  - name: web01\n    host: web01\n    port: 8060\n    secret: s\n  - name: db01\n    host: db01\n    port: 99999\n    secret: s\n");
        byte[] before = File.ReadAllBytes(HostsFile);
        var url = new QuickConnectUrl("s", "10.0.0.5", 8060, false);

        var add = Assert.Throws<HostsFileException>(() => RecentHosts.Add(HostsFile, "new", url, null, T0));
        Assert.That(add!.Message, Does.StartWith($"{HostsFile}:8: db01: port: \"99999\""));
        Assert.Throws<HostsFileException>(() => RecentHosts.Remove(HostsFile, "web01"));
        Assert.Throws<HostsFileException>(() => RecentHosts.Remember(HostsFile, url, T0));
        Assert.That(File.ReadAllBytes(HostsFile), Is.EqualTo(before));
        Assert.That(RecentHosts.Load(HostsFile).Select(h => h.Name), Is.EqualTo(new[] { "web01" }), "the console still gets the good entries");
    }

    [Test]
    public void A_secret_file_that_cannot_be_read_is_not_added()
    {
        string missing = Path.Combine(_dir, "absent.secret");
        var ex = Assert.Throws<InvalidOperationException>(() => RecentHosts.Add(HostsFile, "web01", new QuickConnectUrl("", "web01", 8060, false), missing, T0));
        Assert.That(ex!.Message, Is.EqualTo($"secret file {missing}: No such file or directory"));
        string empty = SecretFile("empty.secret", "\n");
        Assert.Throws<InvalidOperationException>(() => RecentHosts.Add(HostsFile, "web01", new QuickConnectUrl("", "web01", 8060, false), empty, T0));
        Assert.That(File.Exists(HostsFile), Is.False);
    }
}

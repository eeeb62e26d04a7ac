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
}

using System.Globalization;
using SysMedic.Agent.Relay;
using SysMedic.Core.Protocol;
using SysMedic.Tests.Agent;
using SysMedic.Tests.Delivery;
using SysMedic.Tui.Connection;

namespace SysMedic.Tests.Tui;

/// <summary>
/// The built console's fleet in tmux over three real doctor + relay pairs on 127.0.0.1, each with its own socket,
/// port and data path: three rows, a busy user on the one host that counts them, an alert resolved from the fleet's
/// Alerts screen reaching that host's database, a relay killed and started again, and a host's console opened and left.
/// </summary>
[NonParallelizable]
public class FleetInTmuxTests
{
    private const string Exited = "SYSMEDIC-EXITED";
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly List<DoctorProcess> _processes = [];
    private readonly Dictionary<string, DoctorProcess> _relays = [];
    private string _dir = "";
    private string _secret = "";

    [SetUp]
    public void Create()
    {
        _dir = Directory.CreateTempSubdirectory("sysmedic-fleet-tmux-").FullName;
        _secret = RelaySecret.Generate();
    }

    [TearDown]
    public void Clean()
    {
        _processes.ForEach(p => p.Dispose());
        _processes.Clear();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    [CancelAfter(400_000)]
    public void Three_hosts_on_one_screen_with_a_busy_user_an_alert_resolved_from_the_fleet_and_a_relay_that_comes_back()
    {
        if (!TmuxSession.IsInstalled())
        {
            RequiredTool.Missing("tmux is not installed (.ci/setup installs it)");
        }

        if (!BusyLoop.CanChangeUser)
        {
            Assert.Ignore("needs root: the busy user runs as a uid of its own (setpriv)");
        }

        using var load = new BusyLoop(BusyLoop.TestUid);
        string user = BusyLoop.TestUid.ToString(CultureInfo.InvariantCulture);

        // alpha counts every user with low thresholds, so the busy loop is persistent and alerted on there; beta and
        // gamma leave its uid out (a uid without a passwd entry is named by its number). All three watch this machine.
        (string alphaDir, int alphaPort) = StartHost("alpha", DoctorProcess.LowThresholds);
        (_, int betaPort) = StartHost("beta", Normal.Replace("[]", $"[\"{user}\"]", StringComparison.Ordinal));
        (_, int gammaPort) = StartHost("gamma", Normal.Replace("[]", $"[\"{user}\"]", StringComparison.Ordinal));
        string betaDir = Path.Combine(_dir, "beta");
        string alphaDb = Path.Combine(alphaDir, "data", "sysmedic.db");
        Assert.That(DoctorProcess.WaitFor(() => DoctorProcess.Count(alphaDb, "SELECT COUNT(*) FROM alerts WHERE resolved = 0") > 0, Limit), Is.True, "alpha raises an alert on the busy user");

        string hostsFile = Path.Combine(_dir, "config", "sysmedic", "hosts.yaml");
        DateTimeOffset now = DateTimeOffset.UtcNow;
        foreach ((string name, int port) in new[] { ("alpha", alphaPort), ("beta", betaPort), ("gamma", gammaPort) })
        {
            _ = RecentHosts.Add(hostsFile, name, new QuickConnectUrl(_secret, "127.0.0.1", port, false), null, now);
        }

        string dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "sysmedic.dll");
        string command = $"env -u DisableRealDriverIO SYSMEDIC_SOCKET='{Path.Combine(_dir, "none", "doctor.sock")}' XDG_CONFIG_HOME='{Path.Combine(_dir, "config")}' HOME='{_dir}' dotnet '{dll}' --fleet; echo {Exited} $?; sleep 600";
        using TmuxSession tmux = TmuxSession.Start(command, 120, 40);

        string fleet = tmux.WaitFor(s => s.Contains("3 hosts: 3 connected", StringComparison.Ordinal) && Row(s, "alpha").Contains(user, StringComparison.Ordinal) && Row(s, "alpha").Contains("Heavy Load", StringComparison.Ordinal), Limit);
        Assert.Multiple(() =>
        {
            Assert.That(Row(fleet, "alpha"), Does.Contain("Heavy Load").And.Contain(user), "alpha: the busy user, persistent: " + fleet);
            Assert.That(Row(fleet, "beta"), Does.Contain("connected").And.Not.Contain(user), fleet);
            Assert.That(Row(fleet, "gamma"), Does.Contain("connected").And.Not.Contain(user), fleet);
            Assert.That(Line(fleet, "alpha"), Is.LessThan(Line(fleet, "beta")).And.LessThan(Line(fleet, "gamma")), "worst first: " + fleet);
            Assert.That(fleet, Does.Contain("fleet  3 hosts from " + hostsFile), fleet);
        });

        // The fleet's alerts: alpha's, resolved through alpha's relay.
        tmux.SendKeys("a");
        string alerts = tmux.WaitFor(s => s.Contains("Fleet alerts:", StringComparison.Ordinal) && !s.Contains("asking the hosts", StringComparison.Ordinal) && Row(s, "alpha").Length > 0, Limit);
        Assert.That(alerts, Does.Match(@"Fleet alerts: \d+ unresolved on \d+ host"), alerts);
        Assert.That(Row(alerts, "alpha"), Does.Contain(user).Or.Contain("CPU"), alerts);

        // By host: alpha's alerts come first (the machine's own load may alert beta and gamma too).
        tmux.SendKeys("<");
        string byHost = tmux.WaitFor("by HOST");
        Assert.That(Line(byHost, "alpha"), Is.GreaterThan(0), byHost);
        tmux.SendKeys("Enter");
        string form = tmux.WaitFor("Resolved by:");
        Assert.That(form, Does.Match(@"alpha: Resolve alert \d+"), form);
        tmux.SendKeys("-l", "resolved from the fleet");
        tmux.SendKeys("Enter");
        string done = tmux.WaitFor(s => s.Contains("alpha: alert ", StringComparison.Ordinal) && s.Contains(" resolved by ", StringComparison.Ordinal), Limit);
        Assert.That(done, Does.Match(@"alpha: alert \d+ resolved by .*\(remote 127\.0\.0\.1\)"), done);
        Assert.That(DoctorProcess.Count(alphaDb, "SELECT COUNT(*) FROM alerts WHERE resolution_note = 'resolved from the fleet'"), Is.EqualTo(1), "the resolution reached alpha's database");

        // Esc: back to the hosts. A relay killed shows reconnecting, and connected again once it is back.
        tmux.SendKeys("Escape");
        tmux.WaitFor("3 hosts: ");
        _ = _processes.Remove(_relays["beta"]);
        _relays["beta"].Dispose();
        string cut = tmux.WaitFor(s => Row(s, "beta").Contains("reconnecting since", StringComparison.Ordinal), Limit);
        Assert.That(cut, Does.Contain("1 reconnecting"), cut);
        _processes.Add(DoctorProcess.StartRelay(betaDir));
        string back = tmux.WaitFor(s => s.Contains("3 hosts: 3 connected", StringComparison.Ordinal), Limit);
        Assert.That(Row(back, "beta"), Does.Contain("connected").And.Not.Contain("reconnecting"), back);

        // Enter opens a host's own console through its relay; Esc comes back to the fleet.
        tmux.SendKeys("/");
        tmux.WaitFor("Filter:");
        tmux.SendKeys("-l", "gamma");
        tmux.SendKeys("Enter");
        tmux.WaitFor("shown for \"gamma\"");
        tmux.SendKeys("Enter");
        string console = tmux.WaitFor(s => s.Contains("FLEET gamma (Esc: fleet)", StringComparison.Ordinal) && s.Contains($"remote 127.0.0.1:{gammaPort}: connected", StringComparison.Ordinal), Limit);
        Assert.That(console, Does.Contain("USER"), console);
        tmux.SendKeys("Escape");
        tmux.WaitFor(s => s.Contains("3 hosts: ", StringComparison.Ordinal) && !s.Contains("FLEET gamma", StringComparison.Ordinal));

        tmux.SendKeys("q");
        string end = tmux.WaitFor(Exited);
        Assert.That(end, Does.Contain(Exited + " 0"), end);
    }

    // Thresholds nothing reaches ("over" 100%): whatever else runs on the machine, these hosts raise no alert.
    private const string Normal = """
        monitoring:
          check_interval: 1
          live_interval: 1
          cpu_threshold: 100
          memory_threshold: 100
        users:
          cpu_threshold: 100
          memory_threshold: 100
        user_filtering:
          ignore_system_users: false
          min_cpu_percent: 0
          min_memory_percent: 0
          excluded_users: []
        """;

    /// <summary>A doctor and its relay in <paramref name="name"/>'s own directory, socket and port.</summary>
    private (string Dir, int Port) StartHost(string name, string settings)
    {
        string dir = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        int port = FreePort.Next();
        string body = settings + $"""

            websocket:
              bind: 127.0.0.1
              port: {port}
              update_interval: 1
              secret: {_secret}
            """;
        _processes.Add(DoctorProcess.Start(dir, body));
        _relays[name] = DoctorProcess.StartRelay(dir);
        _processes.Add(_relays[name]);
        return (dir, port);
    }

    // The screen line of a host's row: the first that starts with its name.
    private static string Row(string screen, string host) =>
        screen.Split('\n').FirstOrDefault(l => l.TrimStart('*', ' ').StartsWith(host + " ", StringComparison.Ordinal)) ?? "";

    private static int Line(string screen, string host) =>
        Array.FindIndex(screen.Split('\n'), l => l.TrimStart('*', ' ').StartsWith(host + " ", StringComparison.Ordinal));
}

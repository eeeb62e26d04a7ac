using System.Diagnostics;
using SysMedic.Core.Alerts;
using SysMedic.Core.Config;
using SysMedic.Core.Protocol;
using SysMedic.Tests.Agent;
using SysMedic.Tests.Delivery;
using SysMedic.Tui.Connection;
using HistoryResult = SysMedic.Tui.Connection.HistoryResult;

namespace SysMedic.Tests.Tui;

/// <summary>The console's remote connection against the real binary as doctor and relay on 127.0.0.1.</summary>
[NonParallelizable]
[CancelAfter(240_000)]
public class RemoteConnectionRelayTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private string _dir = "";
    private int _port;
    private string _body = "";
    private BusyLoop? _load;

    [SetUp]
    public void Create()
    {
        _dir = Directory.CreateTempSubdirectory("sysmedic-remote-").FullName;
        _port = FreePort.Next();
        _body = DoctorProcess.LowThresholds + $"""

            websocket:
              bind: 127.0.0.1
              port: {_port}
              update_interval: 1
            """;
    }

    [TearDown]
    public void Clean()
    {
        _load?.Dispose();
        _load = null;
        Directory.Delete(_dir, recursive: true);
    }

    private string Secret => ConfigLoader.LoadForCurrentUser(Path.Combine(_dir, "config.yaml")).Config.WebSocket.Secret;

    private QuickConnectUrl WaitForUrl()
    {
        // The relay makes its secret on first start and writes it into the configuration.
        Assert.That(DoctorProcess.WaitFor(() => Secret.Length > 0, Limit), Is.True, "the relay wrote its secret");
        return new QuickConnectUrl(Secret, "127.0.0.1", _port, false);
    }

    [Test]
    public async Task Reads_and_resolves_through_the_relay_and_rides_out_doctor_and_relay_restarts()
    {
        _load = new BusyLoop();
        DoctorProcess doctor = DoctorProcess.Start(_dir, _body);
        DoctorProcess relay = DoctorProcess.StartRelay(_dir);
        try
        {
            using var connection = new RemoteConnection(WaitForUrl(), retryInterval: TimeSpan.FromMilliseconds(500));
            var pushed = new List<Alert>();
            connection.AlertChanged += (_, a) =>
            {
                lock (pushed)
                {
                    pushed.Add(a);
                }
            };
            connection.Start();
            Assert.That(DoctorProcess.WaitFor(() => connection.State == ConnectionState.Connected && connection.Latest is not null, Limit), Is.True, connection.Description);
            Assert.Multiple(() =>
            {
                Assert.That(connection.Description, Is.EqualTo($"remote 127.0.0.1:{_port}: connected to sysmedic 0.1.0"));
                Assert.That(connection.Hello!.Role, Is.EqualTo("relay"));
                Assert.That(connection.Host.CpuCount, Is.EqualTo(Environment.ProcessorCount));
                Assert.That(connection.LiveInterval, Is.EqualTo(TimeSpan.FromSeconds(1)));
                Assert.That(connection.Thresholds.DefaultUser.CpuPercent, Is.EqualTo(5));
            });

            Alert userAlert = await PollAsync(async () => (await connection.GetAlertsAsync(includeResolved: false)).FirstOrDefault(a => a.Type == AlertType.User));
            ResolveResult resolved = await connection.ResolveAlertAsync(userAlert.Id, "seen from afar", "ops");
            Assert.That(resolved.Ok, Is.True, resolved.Message);
            Assert.That(resolved.Alert!.ResolvedBy, Is.EqualTo("ops (remote 127.0.0.1)"));
            Assert.That(DoctorProcess.WaitFor(() => { lock (pushed) { return pushed.Any(a => a.Id == userAlert.Id && a.IsResolved); } }, Limit), Is.True, "the resolution is pushed through the relay");
            Assert.That((await connection.ResolveAlertAsync(userAlert.Id, "again", "ops")).Ok, Is.False);

            HistoryResult history = await PollAsync(async () => await connection.GetHistoryAsync(new HistoryQuery(TimeSpan.FromMinutes(5))) is { System.Count: > 0 } h ? h : null);
            Assert.That(history.System.Max(p => p.CpuPercent), Is.GreaterThan(0));
            UserDetail detail = await connection.GetUserDetailAsync(Environment.UserName);
            Assert.That(detail.Threshold.CpuPercent, Is.EqualTo(5));

            // The doctor goes away: the relay says so and the header shows it; the doctor is back: connected again.
            string secret = Secret;
            Assert.That(doctor.Terminate(Limit), Is.True);
            Assert.That(DoctorProcess.WaitFor(() => connection.Description.Contains("doctor unavailable", StringComparison.Ordinal), Limit), Is.True, connection.Description);
            Assert.That(connection.State, Is.EqualTo(ConnectionState.Reconnecting));
            doctor.Dispose();
            doctor = DoctorProcess.Start(_dir, _body + $"\n  secret: {secret}");
            Assert.That(DoctorProcess.WaitFor(() => connection.State == ConnectionState.Connected, Limit), Is.True, connection.Description);

            // The relay goes away: the connection retries by itself until it is back.
            Assert.That(relay.Terminate(Limit), Is.True);
            Assert.That(DoctorProcess.WaitFor(() => connection.State == ConnectionState.Reconnecting, Limit), Is.True, connection.Description);
            Assert.That(connection.Description, Does.Match($@"^remote 127\.0\.0\.1:{_port}: reconnecting since \d\d:\d\d:\d\d"));
            relay.Dispose();
            relay = DoctorProcess.StartRelay(_dir);
            var snapshots = 0;
            connection.SnapshotReceived += (_, _) => Interlocked.Increment(ref snapshots);
            Assert.That(DoctorProcess.WaitFor(() => connection.State == ConnectionState.Connected && Volatile.Read(ref snapshots) > 0, Limit), Is.True, connection.Description);
        }
        finally
        {
            relay.Dispose();
            doctor.Dispose();
        }
    }

    [TestCase(120, 40)]
    [TestCase(80, 24)]
    [CancelAfter(300_000)]
    public void Connect_option_shows_the_remote_host_in_a_real_terminal(int cols, int rows)
    {
        if (!TmuxSession.IsInstalled())
        {
            RequiredTool.Missing("tmux is not installed (.ci/setup installs it)");
        }

        using DoctorProcess doctor = DoctorProcess.Start(_dir, _body);
        using DoctorProcess relay = DoctorProcess.StartRelay(_dir);
        QuickConnectUrl url = WaitForUrl();
        string dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "sysmedic.dll");
        string command = $"env -u DisableRealDriverIO HOME='{_dir}' XDG_CONFIG_HOME='{_dir}/xdg' dotnet '{dll}' --connect '{url}'; echo SYSMEDIC-EXITED $?; sleep 600";
        using TmuxSession tmux = TmuxSession.Start(command, cols, rows);

        string screen = tmux.WaitFor(s => s.Contains($"remote 127.0.0.1:{_port}: connected", StringComparison.Ordinal) && s.Contains("Top of", StringComparison.Ordinal));
        Assert.That(screen, Does.Contain($" remote 127.0.0.1:{_port}: connected to sysmedic"), screen);
        tmux.SendKeys("F3");
        string alerts = tmux.WaitFor(s => s.Contains("by STATUS", StringComparison.Ordinal) && !s.Contains("could not load", StringComparison.Ordinal));
        Assert.That(alerts, Does.Match(@"\d+ unresolved, by STATUS"), alerts);
        Assert.That(alerts, Does.Not.Contain("could not load"), alerts);
        tmux.SendKeys("q");
        string end = tmux.WaitFor("SYSMEDIC-EXITED");
        Assert.That(end, Does.Contain("SYSMEDIC-EXITED 0"), end);

        string hosts = Path.Combine(_dir, "xdg", "sysmedic", "hosts.yaml");
        Assert.That(RecentHosts.Load(hosts).Single().ToUrl(), Is.EqualTo(url), "--connect remembers the relay");
        Assert.That(File.GetUnixFileMode(hosts), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
        Assert.That(relay.Terminate(Limit), Is.True);
        Assert.That(doctor.Terminate(Limit), Is.True);
    }

    private static async Task<T> PollAsync<T>(Func<Task<T?>> read)
        where T : class
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Limit)
        {
            if (await read() is { } value)
            {
                return value;
            }

            await Task.Delay(250);
        }

        throw new AssertionException("nothing within " + Limit);
    }
}

using System.Diagnostics;
using System.Net.Sockets;
using SysMedic.Core.Alerts;
using SysMedic.Core.Sampling;
using SysMedic.Tests.Agent;
using SysMedic.Tui.Connection;

namespace SysMedic.Tests.Tui;

/// <summary>The console's local connection against the real doctor binary on a private socket.</summary>
[NonParallelizable]
[CancelAfter(180_000)]
public class LocalConnectionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);

    private string _dir = "";
    private BusyLoop? _load;

    [SetUp]
    public void Create() => _dir = Directory.CreateTempSubdirectory("sysmedic-local-").FullName;

    [TearDown]
    public void Clean()
    {
        _load?.Dispose();
        _load = null;
        Directory.Delete(_dir, recursive: true);
    }

    private static async Task<LocalConnection> ConnectAsync(DoctorProcess doctor)
    {
        var clock = Stopwatch.StartNew();
        while (clock.Elapsed < Limit)
        {
            if (await LocalConnection.TryConnectAsync(doctor.SocketPath) is { } connection)
            {
                return connection;
            }

            await Task.Delay(200);
        }

        throw new AssertionException("the doctor never answered on " + doctor.SocketPath);
    }

    private static async Task<T> PollAsync<T>(Func<Task<T>> read, Func<T, bool> done, string what)
    {
        var clock = Stopwatch.StartNew();
        T value = await read();
        while (!done(value) && clock.Elapsed < Limit)
        {
            await Task.Delay(250);
            value = await read();
        }

        Assert.That(done(value), Is.True, what);
        return value;
    }

    [Test]
    public async Task Reads_the_doctor_and_resolves_an_alert_through_the_socket()
    {
        // A process of this test's own user keeps one core busy: far over a 5% user threshold.
        _load = new BusyLoop();
        using DoctorProcess doctor = DoctorProcess.Start(_dir, DoctorProcess.LowThresholds);
        using LocalConnection connection = await ConnectAsync(doctor);
        var pushed = new List<Alert>();
        connection.AlertChanged += (_, a) =>
        {
            lock (pushed)
            {
                pushed.Add(a);
            }
        };
        connection.Start();

        Assert.Multiple(() =>
        {
            Assert.That(connection.Kind, Is.EqualTo(ConnectionKind.Local));
            Assert.That(connection.State, Is.EqualTo(ConnectionState.Connected));
            Assert.That(connection.Description, Does.StartWith("local: connected to sysmedic").And.Contain(doctor.SocketPath));
            Assert.That(connection.Host.CpuCount, Is.EqualTo(Environment.ProcessorCount));
            Assert.That(connection.LiveInterval, Is.EqualTo(TimeSpan.FromSeconds(1)), "the live interval comes from the hello");
            Assert.That(connection.Latest, Is.Not.Null, "the first snapshot is there when the console opens");
            Assert.That(connection.Thresholds.DefaultUser.CpuPercent, Is.EqualTo(5), "thresholds come with the snapshots");
            Assert.That(connection.Features, Is.EqualTo(ConnectionFeatures.StoredHistory | ConnectionFeatures.Alerts | ConnectionFeatures.Replay | ConnectionFeatures.Actions));
        });

        IReadOnlyList<Alert> open = await PollAsync(() => connection.GetAlertsAsync(includeResolved: false), l => l.Any(a => a.Type == AlertType.User), "a user alert is served");
        Alert userAlert = open.First(a => a.Type == AlertType.User);
        Assert.That(userAlert.Message, Does.Contain("threshold 5%"));

        ResolveResult resolved = await connection.ResolveAlertAsync(userAlert.Id, "looked at it", "ops");
        Assert.That(resolved.Ok, Is.True, resolved.Message);
        Assert.That(resolved.Message, Does.Contain($"alert {userAlert.Id} resolved by ops"));
        Assert.That(resolved.Alert?.ResolutionNote, Is.EqualTo("looked at it"));
        Assert.That(DoctorProcess.WaitFor(() => { lock (pushed) { return pushed.Any(a => a.Id == userAlert.Id && a.IsResolved); } }, Limit), Is.True, "the doctor pushes the resolution");

        ResolveResult twice = await connection.ResolveAlertAsync(userAlert.Id, "again", "ops");
        Assert.That(twice.Ok, Is.False);
        Assert.That(twice.Message, Does.Contain("already resolved"));

        IReadOnlyList<Alert> all = await connection.GetAlertsAsync(includeResolved: true);
        Assert.That(all.Single(a => a.Id == userAlert.Id).ResolvedBy, Does.StartWith("ops"));

        HistoryResult history = await PollAsync(() => connection.GetHistoryAsync(new HistoryQuery(TimeSpan.FromMinutes(5), Environment.UserName)), h => h.System.Count > 0 && h.User.Count > 0, "stored history is served");
        Assert.That(history.System.Max(p => p.CpuPercent), Is.GreaterThan(0));
        Assert.That(history.System.Select(p => p.LoadAvg1), Has.All.GreaterThanOrEqualTo(0), "the stored history has the load, so its chart is full at once");
        Assert.That(history.System.Select(p => p.NetworkRxBytesPerSec), Has.All.GreaterThanOrEqualTo(0));
        Assert.That(history.System.Max(p => p.DiskPercent), Is.GreaterThan(0), "the root file system holds something");

        UserDetail detail = await connection.GetUserDetailAsync(Environment.UserName);
        Assert.That(detail.Processes.Select(p => p.Pid), Does.Contain(_load.Pid));
        Assert.That(detail.Threshold.CpuPercent, Is.EqualTo(5));
        Assert.That(detail.History, Is.Not.Empty);

        // The moment recorded at the last check, with the busy loop among its processes; none before the first.
        RecordedMoment moment = await connection.GetMomentAsync(DateTimeOffset.UtcNow);
        Assert.That(moment.At, Is.LessThanOrEqualTo(DateTimeOffset.UtcNow).And.GreaterThan(DateTimeOffset.UtcNow.AddMinutes(-1)));
        Assert.That(moment.Snapshot.Processes.Select(p => p.Pid), Does.Contain(_load.Pid));
        Assert.That(moment.Snapshot.Processes.Single(p => p.Pid == _load.Pid).CpuPercent, Is.GreaterThan(1), "its CPU over the check");
        Assert.That(moment.Snapshot.Users.Single(u => u.Username == Environment.UserName).CpuPercent, Is.GreaterThan(1), "its user's CPU over the check");
        var early = await Assert.ThrowsAsync<AgentErrorException>(() => connection.GetMomentAsync(DateTimeOffset.UtcNow.AddDays(-3)));
        Assert.That(early!.Message, Does.Contain("nothing was recorded at or before"));

        Assert.That(doctor.Terminate(TimeSpan.FromSeconds(15)), Is.True);
    }

    [Test]
    public async Task Shows_reconnecting_while_the_doctor_is_away_and_comes_back_by_itself()
    {
        DoctorProcess first = DoctorProcess.Start(_dir, DoctorProcess.LowThresholds);
        using LocalConnection connection = await ConnectAsync(first);
        connection.Start();
        using (first)
        {
            Assert.That(first.Terminate(TimeSpan.FromSeconds(15)), Is.True);
        }

        Assert.That(DoctorProcess.WaitFor(() => connection.State == ConnectionState.Reconnecting, Limit), Is.True, connection.Description);
        Assert.That(connection.Description, Does.Match(@"^local: reconnecting since \d\d:\d\d:\d\d"));
        _ = await Assert.ThrowsAsync<IOException>(() => connection.GetAlertsAsync(includeResolved: false));

        using DoctorProcess second = DoctorProcess.Start(_dir, DoctorProcess.LowThresholds);
        Assert.That(DoctorProcess.WaitFor(() => connection.State == ConnectionState.Connected, Limit), Is.True, connection.Description);
        var snapshots = 0;
        connection.SnapshotReceived += (_, _) => Interlocked.Increment(ref snapshots);
        Assert.That(DoctorProcess.WaitFor(() => Volatile.Read(ref snapshots) > 0, Limit), Is.True, "snapshots flow again");
        Assert.That(await connection.GetAlertsAsync(includeResolved: true), Is.Not.Null);
        Assert.That(second.Terminate(TimeSpan.FromSeconds(15)), Is.True);
    }

    [Test]
    public async Task No_doctor_means_no_local_connection()
    {
        Assert.That(await LocalConnection.TryConnectAsync(Path.Combine(_dir, "missing.sock")), Is.Null);

        // A socket file nobody listens on, as a doctor that died leaves behind: the connection is refused.
        string stale = Path.Combine(_dir, "stale.sock");
        using var socket = new Socket(AddressFamily.Unix, SocketType.Stream, ProtocolType.Unspecified);
        socket.Bind(new UnixDomainSocketEndPoint(stale));

        Assert.That(File.Exists(stale), Is.True);
        Assert.That(await LocalConnection.TryConnectAsync(stale), Is.Null);
    }
}

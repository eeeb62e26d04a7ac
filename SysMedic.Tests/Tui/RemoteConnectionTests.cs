using SysMedic.Core.Alerts;
using SysMedic.Core.Protocol;
using SysMedic.Tui.Connection;

namespace SysMedic.Tests.Tui;

/// <summary>The remote connection over a real WebSocket on 127.0.0.1: the relay's protocol, secret, states, reconnection.</summary>
[CancelAfter(60_000)]
public class RemoteConnectionTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);

    [Test]
    public async Task Authenticates_with_the_secret_and_maps_the_protocol_like_the_local_connection()
    {
        using var relay = new FakeRelay("s3cret_AbC-123");
        using var connection = new RemoteConnection(relay.Url(), retryInterval: TimeSpan.FromMilliseconds(500));
        var snapshots = 0;
        connection.SnapshotReceived += (_, _) => Interlocked.Increment(ref snapshots);
        connection.Start();

        Assert.That(Agent.DoctorProcess.WaitFor(() => Volatile.Read(ref snapshots) > 0, Limit), Is.True, connection.Description);
        Assert.Multiple(() =>
        {
            Assert.That(relay.Authorizations, Does.Contain("Bearer s3cret_AbC-123"));
            Assert.That(connection.Kind, Is.EqualTo(ConnectionKind.Remote));
            Assert.That(connection.State, Is.EqualTo(ConnectionState.Connected));
            Assert.That(connection.Description, Is.EqualTo($"remote 127.0.0.1:{relay.Port}: connected to sysmedic 0.1.0"));
            Assert.That(connection.Host, Is.EqualTo(new HostInfo("web01", "6.1.0-13-amd64", 4)));
            Assert.That(connection.LiveInterval, Is.EqualTo(TimeSpan.FromSeconds(2)));
            Assert.That(connection.Thresholds.PerUser["alice"].CpuPercent, Is.EqualTo(90));
            Assert.That(connection.Latest!.Processes.Select(p => p.Pid), Does.Contain(4242));
            Assert.That(connection.PersistentSince, Is.EqualTo(new Dictionary<string, DateTimeOffset> { ["alice"] = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero) }));
        });

        IReadOnlyList<Alert> alerts = await connection.GetAlertsAsync(includeResolved: true);
        Assert.That(alerts.Single().Message, Is.EqualTo("alice uses 55.0% CPU (threshold 50%)"));
        Assert.That(alerts.Single().PrimaryCause, Is.EqualTo("alice"));

        ResolveResult ok = await connection.ResolveAlertAsync(42, "asked alice to renice", "ops");
        ResolveResult missing = await connection.ResolveAlertAsync(99, "", "ops");
        Assert.That(ok.Ok, Is.True);
        Assert.That(ok.Alert!.ResolutionNote, Is.EqualTo("asked alice to renice"));
        Assert.That(missing.Ok, Is.False);
        Assert.That(missing.Message, Is.EqualTo("no alert 99"));

        UserDetail detail = await connection.GetUserDetailAsync("alice");
        Assert.That(detail.HasCustomThreshold, Is.True);
        Assert.That(detail.History.Single().CpuPercent, Is.EqualTo(55));
        Assert.That(detail.Episodes.Single().Reason, Does.StartWith("cpu, peak 88.5%"));
        Assert.That(relay.Requests.OfType<ResolveAlertRequest>().First().By, Is.EqualTo("ops"));
    }

    [Test]
    public async Task Shows_the_relays_doctor_unavailable_and_alert_pushes()
    {
        using var relay = new FakeRelay("s3cret");
        using var connection = new RemoteConnection(relay.Url(), retryInterval: TimeSpan.FromMilliseconds(500));
        var pushed = new List<Alert>();
        connection.AlertChanged += (_, a) =>
        {
            lock (pushed)
            {
                pushed.Add(a);
            }
        };
        connection.Start();
        Assert.That(Agent.DoctorProcess.WaitFor(() => connection.State == ConnectionState.Connected, Limit), Is.True, connection.Description);

        await relay.BroadcastAsync(new DoctorUnavailableMessage("connection refused"));
        Assert.That(Agent.DoctorProcess.WaitFor(() => connection.Description.Contains("doctor unavailable: connection refused", StringComparison.Ordinal), Limit), Is.True, connection.Description);
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Reconnecting));

        await relay.BroadcastAsync(Protocol.ProtocolSamples.All["hello"]);
        await relay.BroadcastAsync(Protocol.ProtocolSamples.All["alert"]);
        Assert.That(Agent.DoctorProcess.WaitFor(() => { lock (pushed) { return pushed.Count == 1; } }, Limit), Is.True);
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Connected));
        Assert.That(pushed[0].Id, Is.EqualTo(42));
    }

    [Test]
    public void Reconnects_by_itself_after_the_relay_drops_the_link()
    {
        using var relay = new FakeRelay("s3cret");
        using var connection = new RemoteConnection(relay.Url(), retryInterval: TimeSpan.FromMilliseconds(500));
        connection.Start();
        Assert.That(Agent.DoctorProcess.WaitFor(() => connection.State == ConnectionState.Connected, Limit), Is.True, connection.Description);

        var states = new List<ConnectionState>();
        connection.StateChanged += (_, _) =>
        {
            lock (states)
            {
                states.Add(connection.State);
            }
        };
        relay.DropClients();

        Assert.That(Agent.DoctorProcess.WaitFor(() => relay.Accepted >= 2 && connection.State == ConnectionState.Connected, Limit), Is.True, connection.Description);
        lock (states)
        {
            Assert.That(states, Does.Contain(ConnectionState.Reconnecting), "the header showed the break");
        }
    }

    [Test]
    public void A_refused_secret_loses_the_connection_instead_of_retrying()
    {
        using var relay = new FakeRelay("right");
        using var connection = new RemoteConnection(relay.Url("wrong"), retryInterval: TimeSpan.FromMilliseconds(300));
        connection.Start();

        Assert.That(Agent.DoctorProcess.WaitFor(() => connection.State == ConnectionState.Lost, Limit), Is.True, connection.Description);
        Assert.That(connection.Description, Is.EqualTo($"remote 127.0.0.1:{relay.Port}: connection lost: the relay refused the secret"));
        int tries = relay.Authorizations.Count;
        Thread.Sleep(1500);
        Assert.That(relay.Authorizations, Has.Count.EqualTo(tries), "no more attempts");
    }
}

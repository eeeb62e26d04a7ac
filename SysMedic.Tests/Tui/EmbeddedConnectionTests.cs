using Microsoft.Extensions.Time.Testing;
using SysMedic.Core.Sampling;
using SysMedic.Tests.Sampling;
using SysMedic.Tui.Connection;

namespace SysMedic.Tests.Tui;

public class EmbeddedConnectionTests
{
    private static readonly DateTimeOffset Start = new(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);

    [Test]
    public void Publishes_a_snapshot_every_live_interval_of_the_injected_clock()
    {
        var time = new FakeTimeProvider(Start);
        using var connection = new EmbeddedConnection(FixtureSampling.Options("t0"), time);
        var received = new List<Snapshot>();
        connection.SnapshotReceived += (_, s) => received.Add(s);
        connection.Start();

        Assert.That(received, Is.Empty, "the priming reading has no rates and is not published");
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Connecting));

        time.Advance(EmbeddedConnection.FirstSnapshotDelay);
        Assert.That(received, Has.Count.EqualTo(1), "the first snapshot comes soon after the start");
        time.Advance(TimeSpan.FromSeconds(2) - TimeSpan.FromMilliseconds(1));
        Assert.That(received, Has.Count.EqualTo(1));
        time.Advance(TimeSpan.FromMilliseconds(1));

        Assert.That(received, Has.Count.EqualTo(2), "then one every live interval");
        Assert.That(connection.Latest, Is.SameAs(received[^1]));
        Assert.That(connection.State, Is.EqualTo(ConnectionState.Connected));
        Assert.That(received[^1].Hostname, Is.EqualTo("fixture"));
    }

    [Test]
    public void While_the_display_is_paused_it_samples_every_fifth_interval_and_at_once_on_resuming()
    {
        var time = new FakeTimeProvider(Start);
        using var connection = new EmbeddedConnection(FixtureSampling.Options("t0"), time);
        var received = new List<Snapshot>();
        connection.SnapshotReceived += (_, s) => received.Add(s);
        connection.Start();
        time.Advance(EmbeddedConnection.FirstSnapshotDelay);
        Assume.That(received, Has.Count.EqualTo(1));

        connection.SetDisplayPaused(true);
        time.Advance(TimeSpan.FromSeconds(9));
        Assert.That(received, Has.Count.EqualTo(1), "no snapshot for 10 s");
        time.Advance(TimeSpan.FromSeconds(1));
        Assert.That(received, Has.Count.EqualTo(2));

        connection.SetDisplayPaused(false);
        Assert.That(received, Has.Count.EqualTo(3), "resuming samples at once");
        time.Advance(TimeSpan.FromSeconds(2));
        Assert.That(received, Has.Count.EqualTo(4), "then every live interval again");
    }

    [Test]
    public async Task Describes_itself_as_embedded_and_sends_history_and_alerts_to_the_agent()
    {
        using var connection = new EmbeddedConnection(FixtureSampling.Options("t0"), new FakeTimeProvider(Start));

        Assert.That(connection.Description, Does.Contain("embedded - start the agent with `sysmedic daemon start`"));
        Assert.That(connection.Features, Is.EqualTo(ConnectionFeatures.RecentHistory | ConnectionFeatures.Replay), "the embedded sampler keeps its last 15 minutes of moments");
        Assert.That(connection.Host.Kernel, Is.EqualTo("unknown kernel"), "the fixture tree has no sys/kernel/osrelease");
        var ex = await Assert.ThrowsAsync<AgentRequiredException>(() => connection.GetAlertsAsync(includeResolved: false));
        Assert.That(ex!.Message, Does.Contain("needs the agent (sysmedic daemon start)"));
    }

    [Test]
    public async Task Keeps_a_moment_a_minute_and_says_how_far_back_it_goes()
    {
        var time = new FakeTimeProvider(Start);
        using var connection = new EmbeddedConnection(FixtureSampling.Options("t0"), time);
        connection.Start();
        time.Advance(EmbeddedConnection.FirstSnapshotDelay);
        var none = await Assert.ThrowsAsync<AgentErrorException>(() => connection.GetMomentAsync(time.GetUtcNow()));
        Assert.That(none!.Message, Does.Contain("embedded: one a minute for the last 15m 00s").And.Contain("none yet").And.Contain("needs the agent"));

        for (int i = 0; i < 95; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
        }

        RecordedMoment moment = await connection.GetMomentAsync(time.GetUtcNow());
        Assert.That(moment.At, Is.GreaterThan(Start.AddMinutes(1)).And.LessThanOrEqualTo(time.GetUtcNow()));
        Assert.That(moment.Window, Is.EqualTo(TimeSpan.FromMinutes(1)).Within(TimeSpan.FromSeconds(3)));
        Assert.That(moment.Snapshot.Processes, Is.Not.Empty, "the fixture's processes are recorded");
        var early = await Assert.ThrowsAsync<AgentErrorException>(() => connection.GetMomentAsync(Start));
        Assert.That(early!.Message, Does.Contain("the first is "));
    }

    [Test]
    public void History_answers_the_recent_points_within_the_asked_span()
    {
        var time = new FakeTimeProvider(Start);
        using var connection = new EmbeddedConnection(FixtureSampling.Options("t0"), time);
        connection.Start();
        time.Advance(EmbeddedConnection.FirstSnapshotDelay);
        for (int i = 0; i < 9; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
        }

        HistoryResult all = connection.GetHistoryAsync(new HistoryQuery(TimeSpan.FromMinutes(5))).Result;
        HistoryResult last = connection.GetHistoryAsync(new HistoryQuery(TimeSpan.FromSeconds(5))).Result;

        Assert.That(all.System, Has.Count.EqualTo(10));
        Assert.That(last.System, Has.Count.EqualTo(3), "points at now-4 s, now-2 s and now");
        Assert.That(all.System.Select(p => p.Timestamp), Is.Ordered);
    }

    [Test]
    public void Keeps_a_bounded_history()
    {
        var time = new FakeTimeProvider(Start);
        using var connection = new EmbeddedConnection(FixtureSampling.Options("t0"), time, TimeSpan.FromSeconds(2), keep: TimeSpan.FromSeconds(20));
        connection.Start();
        for (int i = 0; i < 50; i++)
        {
            time.Advance(TimeSpan.FromSeconds(2));
        }

        HistoryResult all = connection.GetHistoryAsync(new HistoryQuery(TimeSpan.FromDays(1))).Result;
        Assert.That(all.System, Has.Count.EqualTo(10));
    }

    [Test]
    public void User_detail_lists_only_that_user_processes_and_their_threshold()
    {
        var time = new FakeTimeProvider(Start);
        using var connection = new EmbeddedConnection(FixtureSampling.Options("t0"), time);
        connection.Start();
        time.Advance(TimeSpan.FromSeconds(2));
        string user = connection.Latest!.Processes.First(p => p.Uid >= 1000).User;

        UserDetail detail = connection.GetUserDetailAsync(user).Result;

        Assert.That(detail.Processes, Is.Not.Empty);
        Assert.That(detail.Processes.Select(p => p.User).Distinct(), Is.EqualTo(new[] { user }));
        Assert.That(detail.Threshold, Is.EqualTo(connection.Thresholds.DefaultUser));
        Assert.That(detail.Episodes, Is.Empty);
    }
}

using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Tests.Health;

public class PersistentUserTrackerTests
{
    private static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Check = TimeSpan.FromMinutes(1);
    private static readonly TimeSpan PersistentTime = TimeSpan.FromMinutes(5);
    private static readonly Thresholds Limits = Thresholds.Default with
    {
        DefaultUser = new UserThreshold(50, 50),
        PerUser = new Dictionary<string, UserThreshold> { ["db"] = new(90, 20) },
    };

    /// <summary>The window of check number <paramref name="n"/> (from 0), with the given users' CPU and memory averages.</summary>
    private static WindowSummary Window(int n, params (string User, double Cpu, double Memory)[] users)
    {
        DateTimeOffset start = T0 + (Check * n);
        var list = users.Select(u => new UserWindow(u.User, 1000, new MetricWindow(u.Cpu, u.Cpu + 5), new MetricWindow(u.Memory, u.Memory), 0, 1, [1])).ToList();
        var system = new SystemWindow(default, default, 0, 0, 0, 0, 0, 0, 0);
        return new WindowSummary(start, start + Check, 30, system, list, null!);
    }

    [Test]
    public void A_user_becomes_persistent_after_exactly_the_persistent_time()
    {
        var tracker = new PersistentUserTracker();
        for (int n = 0; n < 4; n++)
        {
            TrackerUpdate u = tracker.Update(Window(n, ("alice", 60, 0)), Limits, PersistentTime);
            Assert.That(u.BecamePersistent, Is.Empty, $"check {n}");
        }

        TrackerUpdate fifth = tracker.Update(Window(4, ("alice", 60, 0)), Limits, PersistentTime);
        Assert.That(fifth.BecamePersistent.Single().Subject, Is.EqualTo("alice:cpu"));
        Assert.That(tracker.PersistentUserCount, Is.EqualTo(1));

        TrackerUpdate sixth = tracker.Update(Window(5, ("alice", 60, 0)), Limits, PersistentTime);
        Assert.That(sixth.BecamePersistent, Is.Empty, "reported once");
        UserEpisode e = tracker.Persistent.Single();
        Assert.That(e.StartTime, Is.EqualTo(T0));
        Assert.That(e.SampleCount, Is.EqualTo(6));
        Assert.That(e.PeakUsage, Is.EqualTo(65));
        Assert.That(e.AverageUsage, Is.EqualTo(60));
    }

    [Test]
    public void One_check_at_or_below_the_threshold_ends_the_episode_and_restarts_the_clock()
    {
        var tracker = new PersistentUserTracker();
        for (int n = 0; n < 4; n++)
        {
            tracker.Update(Window(n, ("alice", 60, 0)), Limits, PersistentTime);
        }

        TrackerUpdate dip = tracker.Update(Window(4, ("alice", 50, 0)), Limits, PersistentTime);
        Assert.That(dip.Ended.Single().EndTime, Is.EqualTo(T0 + (Check * 5)));
        Assert.That(tracker.Open, Is.Empty);

        TrackerUpdate again = tracker.Update(Window(5, ("alice", 60, 0)), Limits, PersistentTime);
        Assert.That(again.Started.Single().StartTime, Is.EqualTo(T0 + (Check * 5)));
    }

    [Test]
    public void A_user_who_leaves_the_list_is_below_any_threshold()
    {
        var tracker = new PersistentUserTracker();
        tracker.Update(Window(0, ("alice", 60, 0)), Limits, PersistentTime);
        TrackerUpdate gone = tracker.Update(Window(1), Limits, PersistentTime);
        Assert.That(gone.Ended.Select(e => e.Subject), Is.EqualTo(new[] { "alice:cpu" }));
    }

    [Test]
    public void Cpu_and_memory_are_tracked_separately_with_per_user_overrides()
    {
        var tracker = new PersistentUserTracker();
        TrackerUpdate u = tracker.Update(Window(0, ("db", 85, 25), ("alice", 10, 55)), Limits, PersistentTime);
        Assert.That(u.Started.Select(e => e.Subject), Is.EquivalentTo(new[] { "db:memory", "alice:memory" }));
    }

    [Test]
    public void A_restart_continues_the_clock_of_open_episodes()
    {
        var before = new PersistentUserTracker();
        for (int n = 0; n < 3; n++)
        {
            before.Update(Window(n, ("alice", 60, 0)), Limits, PersistentTime);
        }

        var after = new PersistentUserTracker(before.Open);
        after.Update(Window(3, ("alice", 60, 0)), Limits, PersistentTime);
        TrackerUpdate u = after.Update(Window(4, ("alice", 60, 0)), Limits, PersistentTime);
        Assert.That(u.BecamePersistent.Single().StartTime, Is.EqualTo(T0));
        Assert.That(u.Started, Is.Empty);
    }

    [Test]
    public void Ended_episodes_are_not_restored()
    {
        var ended = new UserEpisode("alice", UsageMetric.Cpu, T0, 90, 90, 1, true, T0.AddMinutes(1));
        Assert.That(new PersistentUserTracker([ended]).Open, Is.Empty);
    }
}

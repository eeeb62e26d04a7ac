using SysMedic.Tui.Connection;
using SysMedic.Tui.State;

namespace SysMedic.Tests.Tui.State;

public class UserSeriesTests
{
    private static readonly DateTimeOffset T = ConsoleSnapshots.Time;

    [Test]
    public void Each_newer_live_snapshot_adds_the_users_figures()
    {
        var series = new UserSeries("alice", TimeSpan.FromMinutes(5));

        Assert.That(series.Add(ConsoleSnapshots.Busy(T)), Is.True);
        Assert.That(series.Add(ConsoleSnapshots.Busy(T.AddSeconds(2))), Is.True);
        Assert.That(series.Add(ConsoleSnapshots.Busy(T.AddSeconds(1))), Is.False, "an older snapshot is not added");

        Assert.That(series.Points.Select(p => p.Timestamp), Is.EqualTo(new[] { T, T.AddSeconds(2) }));
        Assert.That(series.Latest?.CpuPercent, Is.EqualTo(42.5));
    }

    [Test]
    public void A_user_missing_from_the_snapshot_counts_as_zero()
    {
        var series = new UserSeries("nobody", TimeSpan.FromMinutes(5));

        _ = series.Add(ConsoleSnapshots.Busy(T));

        Assert.That(series.Latest, Is.EqualTo(new UserPoint(T, 0, 0)));
    }

    [Test]
    public void Stored_history_goes_before_the_live_points_and_gives_way_where_they_overlap()
    {
        var series = new UserSeries("alice", TimeSpan.FromMinutes(5));
        _ = series.Add(ConsoleSnapshots.Busy(T));

        // The agent's last bucket is stamped after the live snapshot already shown.
        series.Seed([new UserPoint(T.AddMinutes(-2), 5, 5), new UserPoint(T.AddMinutes(-1), 6, 6), new UserPoint(T.AddSeconds(30), 99, 99)]);

        Assert.That(series.Points.Select(p => p.CpuPercent), Is.EqualTo(new[] { 5.0, 6.0, 42.5 }));
    }

    [Test]
    public void Points_older_than_the_window_go()
    {
        var series = new UserSeries("alice", TimeSpan.FromMinutes(5));
        series.Seed([new UserPoint(T.AddMinutes(-10), 1, 1), new UserPoint(T.AddMinutes(-4), 2, 2)]);

        _ = series.Add(ConsoleSnapshots.Busy(T));

        Assert.That(series.Points.Select(p => p.CpuPercent), Is.EqualTo(new[] { 2.0, 42.5 }));
    }
}

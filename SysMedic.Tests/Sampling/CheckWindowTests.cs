using SysMedic.Core.Sampling;
using static SysMedic.Tests.Sampling.SnapshotFactory;

namespace SysMedic.Tests.Sampling;

public class CheckWindowTests
{
    [Test]
    public void Averages_and_peaks_the_system_over_the_window()
    {
        var w = new CheckWindow();
        w.Add(Make(T0.AddSeconds(2), 10, 40));
        w.Add(Make(T0.AddSeconds(4), 30, 50));
        w.Add(Make(T0.AddSeconds(6), 20, 60));
        WindowSummary s = w.Close(UserFilter.None)!;
        Assert.That(s.SampleCount, Is.EqualTo(3));
        Assert.That(s.System.CpuPercent, Is.EqualTo(new MetricWindow(20, 30)));
        Assert.That(s.System.MemoryPercent, Is.EqualTo(new MetricWindow(50, 60)));
        Assert.That(s.Start, Is.EqualTo(T0));
        Assert.That(s.End, Is.EqualTo(T0.AddSeconds(6)));
    }

    [Test]
    public void A_user_absent_from_part_of_the_window_counts_zero_there()
    {
        var w = new CheckWindow();
        w.Add(Make(T0, 50, 10, Process(10, 1000, "alice", 40), Process(11, 1000, "alice", 20)));
        w.Add(Make(T0.AddSeconds(2), 50, 10));
        UserWindow alice = w.Close(UserFilter.None)!.Users.Single();
        Assert.That(alice.CpuPercent, Is.EqualTo(new MetricWindow(30, 60)));
        Assert.That(alice.ProcessCount, Is.Zero, "not running at the end of the window");
    }

    [Test]
    public void The_filter_judges_the_window_average_not_each_moment()
    {
        var filter = UserFilter.Default;
        var w = new CheckWindow();
        w.Add(Make(T0, 50, 10, Process(10, 1000, "alice", 12)));
        w.Add(Make(T0.AddSeconds(2), 50, 10, Process(10, 1000, "alice", 1)));
        w.Add(Make(T0.AddSeconds(4), 50, 10, Process(10, 1000, "alice", 4), Process(1, 0, "root", 90)));
        WindowSummary s = w.Close(filter)!;
        Assert.That(s.Users.Select(u => u.Username), Is.EqualTo(new[] { "alice" }));
        Assert.That(s.Users[0].CpuPercent.Average, Is.EqualTo(17.0 / 3).Within(1e-9));
        Assert.That(s.Users[0].Pids, Is.EqualTo(new[] { 10 }));
    }

    [Test]
    public void Closing_starts_a_new_window_and_an_empty_one_gives_nothing()
    {
        var w = new CheckWindow();
        w.Add(Make(T0, 90, 10, Process(10, 1000, "alice", 90)));
        Assert.That(w.Close(UserFilter.None), Is.Not.Null);
        Assert.That(w.Count, Is.Zero);
        Assert.That(w.Close(UserFilter.None), Is.Null);
        w.Add(Make(T0.AddSeconds(2), 10, 10));
        Assert.That(w.Close(UserFilter.None)!.System.CpuPercent.Peak, Is.EqualTo(10));
    }
}

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

    [Test]
    public void Cpu_seconds_disk_bytes_and_new_processes_are_summed_over_the_window()
    {
        var w = new CheckWindow();
        w.Add(WithUsers(Make(T0.AddSeconds(2), 50, 10), User(1000, "alice", cpuSeconds: 1.5, read: 4096, started: 3)));
        w.Add(WithUsers(Make(T0.AddSeconds(4), 50, 10), User(1000, "alice", cpuSeconds: 0.5, read: 1024, started: 0, slice: true)));
        UserWindow alice = w.Close(UserFilter.None)!.Users.Single();
        Assert.That((alice.CpuSeconds, alice.DiskReadBytes, alice.NewProcesses, alice.CpuFromSlice), Is.EqualTo((2.0, 5120L, 3, true)));
    }

    [Test]
    public void The_window_knows_its_length_capacity_forks_and_stall_time()
    {
        var pressure = new ResourcePressure(null, new PressureUsage(0, 0, 0, 10, 0, 0, 0, 0, 5, 0), null);
        var w = new CheckWindow();
        Snapshot first = Make(T0.AddSeconds(2), 50, 10);
        w.Add(first with { System = first.System with { ProcessesStarted = 4, Pressure = pressure } });
        Snapshot second = Make(T0.AddSeconds(4), 50, 10);
        w.Add(second with { System = second.System with { ProcessesStarted = 1 } });
        SystemWindow s = w.Close(UserFilter.None)!.System;
        Assert.That((s.Seconds, s.CpuCapacitySeconds, s.ProcessesStarted), Is.EqualTo((4.0, 16.0, 5L)), "two 2 s intervals on 4 CPUs");
        Assert.That(s.Pressure, Is.EqualTo(new PressureWindow(2, 0, 0, 0.2, 0.1, 0, 0)), "only the snapshot with pressure counts");
    }

    [Test]
    public void Users_under_the_listing_minimum_are_still_accounted_but_not_system_or_excluded_ones()
    {
        var w = new CheckWindow();
        w.Add(WithUsers(Make(T0, 50, 10), User(1000, "alice", cpuSeconds: 0.02), User(1001, "idle", cpuSeconds: 0), User(0, "root", cpuSeconds: 9), User(1002, "www", cpuSeconds: 1)));
        var filter = UserFilter.Default with { ExcludedUsers = new HashSet<string> { "www" } };
        WindowSummary s = w.Close(filter)!;
        Assert.That(s.Users, Is.Empty, "alice is under 5%");
        Assert.That(s.Accounted.Select(u => u.Username), Is.EqualTo(new[] { "alice" }));
    }

    private static Snapshot WithUsers(Snapshot s, params UserUsage[] users) => s with { AllUsers = users };

    private static UserUsage User(uint uid, string name, double cpuSeconds, long read = 0, int started = 0, bool slice = false) =>
        new(name, uid, cpuSeconds / 8 * 100, 1, 1000, 1, [(int)uid]) { CpuSeconds = cpuSeconds, DiskReadBytes = read, NewProcesses = started, CpuFromSlice = slice };
}

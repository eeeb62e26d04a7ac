using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

public class HistoryQueriesTests
{
    private static readonly DateTimeOffset T0 = TempDatabase.Start;

    [Test]
    public void One_bucket_per_check_returns_the_stored_values()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        db.Metrics.WriteCheck(Checks.System(T0, cpuAvg: 12.34, cpuPeak: 56.78), [Checks.User("alice", 1.5, 9.25, 3.5)]);

        SystemMetricsBucket system = db.History.System(T0, T0.AddMinutes(1), 60).Single();
        UserMetricsBucket user = db.History.User("alice", T0, T0.AddMinutes(1), 60).Single();

        Assert.That(system.Start, Is.EqualTo(T0));
        Assert.That(system.CpuAvgPercent, Is.EqualTo(12.34).Within(1e-9));
        Assert.That(system.CpuPeakPercent, Is.EqualTo(56.78).Within(1e-9));
        Assert.That(system.NetworkTxAvgBytesPerSec, Is.EqualTo(2000));
        Assert.That(system.LoadAvg15Avg, Is.EqualTo(0.125));
        Assert.That(user.CpuAvgPercent, Is.EqualTo(1.5).Within(1e-9));
        Assert.That(user.CpuPeakPercent, Is.EqualTo(9.25).Within(1e-9));
        Assert.That(user.MemoryPeakPercent, Is.EqualTo(4.5).Within(1e-9));
        Assert.That(user.RssMaxBytes, Is.EqualTo(1_000_000));
    }

    [Test]
    public void An_hour_of_minutes_in_six_buckets_averages_the_averages_and_keeps_the_highest_peak()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        for (int i = 0; i < 60; i++)
        {
            db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(i), cpuAvg: i, cpuPeak: i + 10), [Checks.User("bob", cpuAvg: i, cpuPeak: 100 - i)]);
        }

        var system = db.History.System(T0, T0.AddHours(1), 6);
        var user = db.History.User("bob", T0, T0.AddHours(1), 6);

        Assert.That(system.Select(b => b.Samples), Is.All.EqualTo(10));
        Assert.That(system.Select(b => b.Start), Is.EqualTo(Enumerable.Range(0, 6).Select(k => T0.AddMinutes(10 * k))));
        Assert.That(system.Select(b => b.CpuAvgPercent), Is.EqualTo(new[] { 4.5, 14.5, 24.5, 34.5, 44.5, 54.5 }).Within(1e-9));
        Assert.That(system.Select(b => b.CpuPeakPercent), Is.EqualTo(new[] { 19.0, 29, 39, 49, 59, 69 }).Within(1e-9));
        Assert.That(user.Select(b => b.CpuPeakPercent), Is.EqualTo(new[] { 100.0, 90, 80, 70, 60, 50 }).Within(1e-9));
    }

    [Test]
    public void Buckets_without_checks_are_left_out_and_rows_outside_the_range_are_ignored()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        Checks.WriteMinutes(db, T0, 10, "carol");
        Checks.WriteMinutes(db, T0.AddMinutes(50), 20, "carol");

        var buckets = db.History.System(T0, T0.AddHours(1), 6);

        Assert.That(buckets.Select(b => b.Start), Is.EqualTo(new[] { T0, T0.AddMinutes(50) }));
        Assert.That(buckets.Select(b => b.Samples), Is.EqualTo(new[] { 10, 10 }));
    }

    [Test]
    public void A_user_history_contains_only_that_user()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        for (int i = 0; i < 5; i++)
        {
            db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(i)), [Checks.User("alice", cpuAvg: 1), Checks.User("bob", cpuAvg: 90)]);
        }

        var alice = db.History.User("alice", T0, T0.AddMinutes(5), 1).Single();

        Assert.That(alice.Samples, Is.EqualTo(5));
        Assert.That(alice.CpuAvgPercent, Is.EqualTo(1));
        Assert.That(db.History.User("nobody", T0, T0.AddMinutes(5), 1), Is.Empty);
    }

    [Test]
    public void Top_users_are_ordered_by_average_cpu_or_memory_within_the_range()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        db.Metrics.WriteCheck(Checks.System(T0), [Checks.User("a", cpuAvg: 10, memoryAvg: 1), Checks.User("b", cpuAvg: 30, memoryAvg: 2), Checks.User("c", cpuAvg: 20, memoryAvg: 3)]);
        db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(1)), [Checks.User("a", cpuAvg: 30, memoryAvg: 1)]);
        db.Metrics.WriteCheck(Checks.System(T0.AddHours(2)), [Checks.User("z", cpuAvg: 99, memoryAvg: 99)]);

        var byCpu = db.History.TopUsers(T0, T0.AddHours(1), 2);
        var byMemory = db.History.TopUsers(T0, T0.AddHours(1), 10, TopUsersOrder.Memory);

        Assert.That(byCpu.Select(u => u.Username), Is.EqualTo(new[] { "b", "a" }));
        Assert.That(byCpu[1].CpuAvgPercent, Is.EqualTo(20));
        Assert.That(byCpu[1].Samples, Is.EqualTo(2));
        Assert.That(byMemory.Select(u => u.Username), Is.EqualTo(new[] { "c", "b", "a" }));
    }

    [Test]
    public void Buckets_of_an_hour_or_more_come_from_the_hourly_rollup_with_the_same_figures()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        for (int i = 0; i < 360; i++)
        {
            db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(i), cpuAvg: i, cpuPeak: i + 10), []);
        }

        var buckets = db.History.System(T0, T0.AddHours(6), 3);

        Assert.That(buckets.Select(b => b.Samples), Is.All.EqualTo(120));
        Assert.That(buckets.Select(b => b.Start), Is.EqualTo(new[] { T0, T0.AddHours(2), T0.AddHours(4) }));
        Assert.That(buckets.Select(b => b.CpuAvgPercent), Is.EqualTo(new[] { 59.5, 179.5, 299.5 }).Within(1e-9));
        Assert.That(buckets.Select(b => b.CpuPeakPercent), Is.EqualTo(new[] { 129.0, 249, 369 }).Within(1e-9));
        Assert.That(buckets.Select(b => b.LoadAvg15Avg), Is.All.EqualTo(0.125).Within(1e-12));
    }

    [Test]
    public void A_long_user_chart_reads_that_user_from_the_hourly_rollup()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        for (int i = 0; i < 360; i++)
        {
            db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(i)), [Checks.User("alice", cpuAvg: i, cpuPeak: i + 10, pids: [1, 2, 3]), Checks.User("bob", cpuAvg: 99)]);
        }

        var buckets = db.History.User("alice", T0, T0.AddHours(6), 3);

        Assert.That(buckets.Select(b => b.Samples), Is.All.EqualTo(120));
        Assert.That(buckets.Select(b => b.CpuAvgPercent), Is.EqualTo(new[] { 59.5, 179.5, 299.5 }).Within(1e-9));
        Assert.That(buckets.Select(b => b.CpuPeakPercent), Is.EqualTo(new[] { 129.0, 249, 369 }).Within(1e-9));
        Assert.That(buckets.Select(b => (b.RssAvgBytes, b.RssMaxBytes, b.ProcessCountMax)), Is.All.EqualTo((1_000_000.0, 1_000_000L, 3)));
    }

    [Test]
    public void Top_users_over_hours_count_whole_hours_from_the_rollup()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        for (int i = 0; i < 180; i++)
        {
            bool firstHour = i < 60;
            db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(i)), [Checks.User("early", cpuAvg: firstHour ? 90 : 0), Checks.User("late", cpuAvg: firstHour ? 0 : 60)]);
        }

        var top = db.History.TopUsers(T0.AddMinutes(30), T0.AddHours(3), 5);

        Assert.That(top.Select(u => u.Username), Is.EqualTo(new[] { "late", "early" }));
        Assert.That(top.Select(u => u.Samples), Is.All.EqualTo(180), "the range's first hour is taken whole");
        Assert.That(top[0].CpuAvgPercent, Is.EqualTo(40).Within(1e-9));
        Assert.That(top[1].CpuAvgPercent, Is.EqualTo(30).Within(1e-9));
    }

    [Test]
    public void A_range_that_ends_before_it_starts_is_refused()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();

        Assert.Throws<ArgumentException>(() => db.History.System(T0, T0, 10));
        Assert.Throws<ArgumentOutOfRangeException>(() => db.History.System(T0, T0.AddDays(1), 0));
    }
}

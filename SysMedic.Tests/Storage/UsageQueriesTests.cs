using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

public class UsageQueriesTests
{
    private static readonly DateTimeOffset T0 = TempDatabase.Start;

    // One check a minute for 3 hours: alice uses 1.5 s of CPU and reads 1,000 bytes per check, bob 0.25 s from
    // minute 30 on; each check covers 60 s of a 2-CPU machine with memory some-pressure 3 s in it.
    private static void WriteThreeHours(SysMedicDatabase db)
    {
        for (int i = 0; i < 180; i++)
        {
            var users = new List<UserMetricsRow>
            {
                Checks.User("alice", memoryAvg: 10) with { CpuSeconds = 1.5, ExitedCpuSeconds = 0.5, DiskReadBytes = 1000, DiskWriteBytes = 10, NewProcesses = 2, RssBytes = 1_000_000 + (i * 1000) },
            };
            if (i >= 30)
            {
                users.Add(Checks.User("bob") with { CpuSeconds = 0.25, CpuFromSlice = true });
            }

            db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(i)) with { WindowSeconds = 60, CpuCapacitySeconds = 120, ProcessesStarted = 7, PressureSeconds = 60, MemorySomeStallSeconds = 3, IoFullStallSeconds = 0.6 }, users);
        }
    }

    [Test]
    public void Sums_are_exact_for_a_range_that_cuts_hours_in_the_middle()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        WriteThreeHours(db);

        // Minutes 20 to 150 (130 checks): 40 from the first hour's checks, one whole hour rolled up, 30 checks of the third.
        UsageSummary u = db.History.Usage(T0.AddMinutes(20), T0.AddMinutes(150));

        Assert.That(u.Users.Select(x => x.Username), Is.EqualTo(new[] { "alice", "bob" }), "most CPU first");
        UserUsageSummary alice = u.Users[0];
        Assert.Multiple(() =>
        {
            Assert.That(alice.Checks, Is.EqualTo(130));
            Assert.That(alice.CpuSeconds, Is.EqualTo(195.0).Within(1e-9));
            Assert.That(alice.ExitedCpuSeconds, Is.EqualTo(65.0).Within(1e-9));
            Assert.That((alice.DiskReadBytes, alice.DiskWriteBytes, alice.NewProcesses), Is.EqualTo((130_000L, 1_300L, 260L)));
            Assert.That(alice.RssMaxBytes, Is.EqualTo(1_149_000));
            Assert.That(alice.RssAvgBytes, Is.EqualTo(1_000_000 + (1000 * (20 + 149) / 2.0)).Within(1e-6));
            Assert.That(alice.MemoryAvgPercent, Is.EqualTo(10).Within(1e-9));
            Assert.That(alice.CpuFromSlice, Is.False);
            Assert.That((u.Users[1].Checks, u.Users[1].CpuSeconds, u.Users[1].CpuFromSlice), Is.EqualTo((120, 30.0, true)));
            Assert.That((u.System.Checks, u.System.Seconds, u.System.CpuCapacitySeconds, u.System.ProcessesStarted), Is.EqualTo((130, 7800.0, 15600.0, 910L)));
            Assert.That((u.System.PressureSeconds, u.System.MemorySomeStallSeconds, u.System.IoFullStallSeconds), Is.EqualTo((7800.0, 390.0, 78.0)).Within(1e-9));
        });
    }

    [Test]
    public void The_rollups_and_the_checks_give_the_same_sums()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        WriteThreeHours(db);

        // The whole range in hours (rollups only) against the same range read check by check, one hour at a time.
        UsageSummary whole = db.History.Usage(T0, T0.AddHours(3));
        double byHour = Enumerable.Range(0, 6).Sum(h => db.History.Usage(T0.AddMinutes(30 * h), T0.AddMinutes(30 * (h + 1))).Users.Single(x => x.Username == "alice").CpuSeconds);
        Assert.That(whole.Users[0].CpuSeconds, Is.EqualTo(270.0).Within(1e-9));
        Assert.That(byHour, Is.EqualTo(270.0).Within(1e-9));
    }

    [Test]
    public void One_user_can_be_asked_for()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        WriteThreeHours(db);
        UsageSummary u = db.History.Usage(T0, T0.AddHours(3), "bob");
        Assert.That(u.Users.Select(x => (x.Username, x.CpuSeconds)), Is.EqualTo(new[] { ("bob", 37.5) }));
        Assert.That(u.System.Checks, Is.EqualTo(180), "the machine's figures are for the whole range");
    }

    [Test]
    public void An_empty_range_gives_no_users_and_zero_figures()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        UsageSummary u = db.History.Usage(T0, T0.AddDays(30));
        Assert.That(u.Users, Is.Empty);
        Assert.That((u.System.Checks, u.System.Seconds), Is.EqualTo((0, 0.0)));
    }

    [Test]
    public void A_range_that_does_not_end_after_it_starts_is_refused()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        Assert.Throws<ArgumentException>(() => db.History.Usage(T0, T0));
    }

    [Test]
    public void The_new_columns_are_stored_to_the_millisecond_and_summed_per_hour()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        db.Metrics.WriteCheck(Checks.System(T0) with { WindowSeconds = 59.9996, CpuSomeStallSeconds = 0.0124 }, [Checks.User("alice") with { CpuSeconds = 1.2346, CpuFromSlice = true }]);
        db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(1)) with { WindowSeconds = 60 }, [Checks.User("alice") with { CpuSeconds = 0.001 }]);
        Assert.That(temp.Sql("SELECT group_concat(cpu_time_ms || ':' || cpu_from_slice, ' ') FROM user_metrics_all"), Is.EqualTo("1235:1 1:0"));
        Assert.That(temp.Sql("SELECT cpu_time_ms_sum || ':' || cpu_from_slice_max FROM user_metrics_hourly"), Is.EqualTo("1236:1"));
        Assert.That(temp.Sql("SELECT window_ms_sum || ':' || cpu_some_stall_ms_sum FROM system_metrics_hourly"), Is.EqualTo("120000:12"));
    }
}

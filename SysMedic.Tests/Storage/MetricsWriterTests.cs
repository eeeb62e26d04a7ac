using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

public class MetricsWriterTests
{
    private static readonly DateTimeOffset T0 = TempDatabase.Start;

    [Test]
    public void A_check_is_stored_whole_or_not_at_all()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        temp.Sql("CREATE TRIGGER refuse BEFORE INSERT ON user_metrics_recent WHEN NEW.username = 'boom' BEGIN SELECT RAISE(ABORT, 'boom refused'); END");

        var ex = Assert.Throws<StorageException>(() => db.Metrics.WriteCheck(Checks.System(T0), [Checks.User("alice"), Checks.User("boom")]));

        Assert.That(ex!.Message, Does.Contain("writing the check").And.Contain("boom refused"));
        Assert.That(temp.Sql("SELECT count(*) FROM system_metrics"), Is.EqualTo(0L));
        Assert.That(temp.Sql("SELECT count(*) FROM user_metrics_all"), Is.EqualTo(0L));
        db.Metrics.WriteCheck(Checks.System(T0), [Checks.User("alice")]);
        Assert.That(temp.Sql("SELECT count(*) FROM user_metrics_all"), Is.EqualTo(1L));
    }

    [Test]
    public void Every_user_row_carries_the_check_time_and_a_second_check_in_the_same_second_is_ignored()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        bool first = db.Metrics.WriteCheck(Checks.System(T0.AddMilliseconds(100)), [Checks.User("alice", cpuAvg: 1), Checks.User("bob")]);
        bool second = db.Metrics.WriteCheck(Checks.System(T0.AddMilliseconds(300)), [Checks.User("alice", cpuAvg: 7), Checks.User("carol")]);

        Assert.That(first, Is.True);
        Assert.That(second, Is.False);
        Assert.That(temp.Sql("SELECT count(DISTINCT timestamp) FROM user_metrics_all"), Is.EqualTo(1L));
        Assert.That(temp.Sql("SELECT timestamp FROM user_metrics_all WHERE username = 'bob'"), Is.EqualTo(T0.ToUnixTimeSeconds()));
        Assert.That(temp.Sql("SELECT cpu_avg_pct_x100 FROM user_metrics_all WHERE username = 'alice'"), Is.EqualTo(100L));
        Assert.That(temp.Sql("SELECT count(*) FROM user_metrics_all WHERE username = 'carol'"), Is.EqualTo(0L));
        Assert.That(temp.Sql("SELECT samples FROM user_metrics_hourly WHERE username = 'alice'"), Is.EqualTo(1L));
        Assert.That(temp.Sql("SELECT samples FROM system_metrics_hourly"), Is.EqualTo(1L));
    }

    [Test]
    public void The_hourly_rollups_hold_the_sums_and_maxima_of_the_checks_in_each_hour()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        for (int i = 0; i < 90; i++)
        {
            db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(i), cpuAvg: i, cpuPeak: 200 - i), [Checks.User("alice", cpuAvg: 1, cpuPeak: i)]);
        }

        Assert.That(temp.Sql("SELECT group_concat(samples || ':' || cpu_avg_pct_x100_sum || ':' || cpu_peak_pct_x100_max, ' ') FROM (SELECT * FROM system_metrics_hourly ORDER BY hour)"), Is.EqualTo("60:177000:20000 30:223500:14000"));
        Assert.That(temp.Sql("SELECT group_concat(samples || ':' || cpu_avg_pct_x100_sum || ':' || cpu_peak_pct_x100_max, ' ') FROM (SELECT * FROM user_metrics_hourly ORDER BY hour)"), Is.EqualTo("60:6000:5900 30:3000:8900"));
    }

    [Test]
    public void Pids_are_stored_compactly_and_read_back_sorted()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        db.Metrics.WriteCheck(Checks.System(T0), [Checks.User("alice", pids: [4_000_000, 17, 1234, 300])]);

        Assert.That(db.History.UserPidsAt("alice", T0), Is.EqualTo(new[] { 17, 300, 1234, 4_000_000 }));
        // Gaps 17, 283, 934 and 3,998,766 take 1 + 2 + 2 + 4 varint bytes; as text it would be 19.
        Assert.That(temp.Sql("SELECT length(pids) FROM user_metrics_all"), Is.EqualTo(9L));
        Assert.That(db.History.UserPidsAt("alice", T0.AddMinutes(1)), Is.Empty);
    }

    [Test]
    public void Staged_rows_move_to_the_per_user_table_when_the_hour_changes_and_reads_see_both()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        Checks.WriteMinutes(db, T0.AddMinutes(50), 20, "alice", "bob");

        Assert.That(temp.Sql("SELECT count(*) FROM user_metrics"), Is.EqualTo(20L), "the first hour's 10 checks moved");
        Assert.That(temp.Sql("SELECT count(*) FROM user_metrics_recent"), Is.EqualTo(20L), "the current hour's 10 checks staged");
        Assert.That(db.History.User("alice", T0, T0.AddHours(2), 1).Single().Samples, Is.EqualTo(20));
        Assert.That(db.History.TopUsers(T0.AddMinutes(30), T0.AddMinutes(90), 5).Select(u => u.Samples), Is.EqualTo(new[] { 20, 20 }));
    }
}

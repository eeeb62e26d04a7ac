using SysMedic.Core.Alerts;
using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

public class RetentionTests
{
    private static readonly DateTimeOffset T0 = TempDatabase.Start;

    [Test]
    public void Rows_older_than_the_retention_go_in_small_batches_and_newer_rows_stay()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        for (int hour = 0; hour < 10 * 24; hour++)
        {
            db.Metrics.WriteCheck(Checks.System(T0.AddHours(hour)), [Checks.User("alice"), Checks.User("bob")]);
        }

        temp.Time.SetUtcNow(T0.AddDays(10));

        RetentionResult result = db.Maintenance.Cleanup(retentionDays: 3, batchSize: 7);

        Assert.That(result.Cutoff, Is.EqualTo(T0.AddDays(7)));
        Assert.That(result.SystemRows, Is.EqualTo(7 * 24));
        Assert.That(result.UserRows, Is.EqualTo(2 * 7 * 24));
        Assert.That(result.HourlyRows, Is.EqualTo(3 * 7 * 24));
        Assert.That(result.Transactions, Is.GreaterThan((3 * 7 * 24 / 7) + 3), "one short transaction per batch of 7");
        Assert.That(temp.Sql("SELECT min(timestamp) FROM system_metrics"), Is.EqualTo(T0.AddDays(7).ToUnixTimeSeconds()));
        Assert.That(temp.Sql("SELECT count(*) FROM user_metrics_all WHERE username = 'bob'"), Is.EqualTo(3L * 24));
        Assert.That(temp.Sql("SELECT min(hour) FROM user_metrics_hourly"), Is.EqualTo(T0.AddDays(7).ToUnixTimeSeconds()));
    }

    [Test]
    public void Freed_pages_are_given_back_by_the_incremental_vacuum()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        var users = Enumerable.Range(0, 50).Select(i => Checks.User($"user{i:D2}")).ToList();
        for (int minute = 0; minute < 240; minute++)
        {
            db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(minute)), users);
        }

        temp.Time.SetUtcNow(T0.AddDays(1).AddMinutes(230));

        RetentionResult result = db.Maintenance.Cleanup(retentionDays: 1);

        Assert.That(result.UserRows, Is.EqualTo(50 * 230));
        Assert.That(result.PagesFreed, Is.GreaterThan(50));
        Assert.That(temp.Sql("PRAGMA freelist_count"), Is.EqualTo(0L));
    }

    [Test]
    public void Unresolved_alerts_open_episodes_and_pending_deliveries_are_kept()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        long open = db.Alerts.Insert(new Alert(0, T0, AlertType.System, AlertSeverity.High, "system:cpu", "still open"));
        long closed = db.Alerts.Insert(new Alert(0, T0, AlertType.System, AlertSeverity.High, "system:cpu", "resolved"));
        db.Alerts.Resolve(closed, "root", null);
        db.PersistentUsers.UpsertOpen(new PersistentUserRecord("alice", "cpu", T0, 90, 80, 5));
        db.PersistentUsers.UpsertOpen(new PersistentUserRecord("bob", "cpu", T0, 90, 80, 5));
        db.PersistentUsers.Resolve("bob", "cpu", T0.AddMinutes(10));
        long pending = db.Outbox.Enqueue("email", "{}");
        db.Outbox.MarkDelivered(db.Outbox.Enqueue("email", "{}"));
        temp.Time.SetUtcNow(T0.AddDays(40));

        RetentionResult result = db.Maintenance.Cleanup(retentionDays: 30);

        Assert.That((result.Alerts, result.PersistentUsers, result.OutboxMessages), Is.EqualTo((1L, 1L, 1L)));
        Assert.That(db.Alerts.List(new AlertFilter { IncludeResolved = true }).Select(a => a.Id), Is.EqualTo(new[] { open }));
        Assert.That(db.PersistentUsers.LoadOpen().Single().Username, Is.EqualTo("alice"));
        Assert.That(db.Outbox.Due().Single().Id, Is.EqualTo(pending));
    }

    [Test]
    public void Zero_days_of_retention_is_refused()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();

        Assert.Throws<ArgumentOutOfRangeException>(() => db.Maintenance.Cleanup(0));
    }
}

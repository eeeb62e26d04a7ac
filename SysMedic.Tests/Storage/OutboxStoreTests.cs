using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

public class OutboxStoreTests
{
    [Test]
    public void A_new_message_is_due_at_once_and_not_after_delivery()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        long id = db.Outbox.Enqueue("email", "{\"alert_id\":1}");

        Assert.That(db.Outbox.Due().Select(m => m.Id), Is.EqualTo(new[] { id }));
        Assert.That(db.Outbox.MarkDelivered(id), Is.True);
        Assert.That(db.Outbox.Due(), Is.Empty);
        Assert.That(db.Outbox.Get(id)!.DeliveredAt, Is.EqualTo(TempDatabase.Start));
        Assert.That(db.Outbox.MarkDelivered(id), Is.False);
    }

    [Test]
    public void Failures_back_off_exponentially_up_to_five_minutes()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        long id = db.Outbox.Enqueue("webhook", "{}");
        var waits = new List<TimeSpan>();
        for (int i = 0; i < 9; i++)
        {
            OutboxMessage failed = db.Outbox.MarkFailed(id, $"connection refused {i}")!;
            waits.Add(failed.NextAttemptAt - temp.Time.GetUtcNow());
            temp.Time.Advance(waits[^1] - TimeSpan.FromSeconds(1));
            Assert.That(db.Outbox.Due(), Is.Empty, "not due a second early");
            temp.Time.Advance(TimeSpan.FromSeconds(1));
            Assert.That(db.Outbox.Due().Single().LastError, Is.EqualTo($"connection refused {i}"));
        }

        Assert.That(waits.Select(w => w.TotalSeconds), Is.EqualTo(new double[] { 30, 60, 120, 240, 300, 300, 300, 300, 300 }));
        Assert.That(db.Outbox.Get(id)!.Attempts, Is.EqualTo(9));
    }

    [Test]
    public void A_message_failing_for_a_day_is_given_up()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        long id = db.Outbox.Enqueue("email", "{}");
        temp.Time.Advance(TimeSpan.FromHours(23));
        Assert.That(db.Outbox.MarkFailed(id, "timeout")!.GaveUpAt, Is.Null);

        temp.Time.Advance(TimeSpan.FromHours(1));
        OutboxMessage last = db.Outbox.MarkFailed(id, "timeout")!;
        temp.Time.Advance(TimeSpan.FromDays(1));

        Assert.That(last.GaveUpAt, Is.EqualTo(TempDatabase.Start.AddDays(1)));
        Assert.That(db.Outbox.Due(), Is.Empty);
    }
}

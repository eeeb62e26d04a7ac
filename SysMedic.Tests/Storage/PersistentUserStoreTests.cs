using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

public class PersistentUserStoreTests
{
    private static readonly DateTimeOffset T0 = TempDatabase.Start;

    [Test]
    public void An_open_episode_is_updated_in_place_and_keeps_its_start()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        db.PersistentUsers.UpsertOpen(new PersistentUserRecord("alice", "cpu", T0, 80, 75, 1));
        db.PersistentUsers.UpsertOpen(new PersistentUserRecord("alice", "cpu", T0.AddMinutes(9), 95, 85, 10, DurationMinutes: 9));

        var open = db.PersistentUsers.LoadOpen();

        Assert.That(open, Has.Count.EqualTo(1));
        Assert.That(open[0].StartTime, Is.EqualTo(T0));
        Assert.That(open[0].PeakUsage, Is.EqualTo(95));
        Assert.That(open[0].SampleCount, Is.EqualTo(10));
        Assert.That(open[0].Resolved, Is.False);
    }

    [Test]
    public void Resolving_closes_the_episode_and_a_new_one_can_start()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        db.PersistentUsers.UpsertOpen(new PersistentUserRecord("alice", "memory", T0, 60, 55, 3));
        db.PersistentUsers.UpsertOpen(new PersistentUserRecord("bob", "memory", T0, 60, 55, 3));

        bool closed = db.PersistentUsers.Resolve("alice", "memory", T0.AddMinutes(45));
        db.PersistentUsers.UpsertOpen(new PersistentUserRecord("alice", "memory", T0.AddHours(2), 70, 65, 1));

        Assert.That(closed, Is.True);
        Assert.That(db.PersistentUsers.Resolve("carol", "memory", T0), Is.False);
        Assert.That(db.PersistentUsers.LoadOpen().Select(e => (e.Username, e.StartTime)), Is.EqualTo(new[] { ("bob", T0), ("alice", T0.AddHours(2)) }));
        PersistentUserRecord first = db.PersistentUsers.Since(T0).Single(e => e.Resolved);
        Assert.That(first.EndTime, Is.EqualTo(T0.AddMinutes(45)));
        Assert.That(first.DurationMinutes, Is.EqualTo(45));
    }
}

using Microsoft.Extensions.Logging;
using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

/// <summary>
/// Write failures that really happen even when tests run as root (where file modes do not stop writes): a
/// read-only SQLite connection, and a full database made by <c>PRAGMA max_page_count</c>, which fails with the
/// same SQLITE_FULL as a full disk.
/// </summary>
public class StorageFaultTests
{
    private static readonly DateTimeOffset T0 = TempDatabase.Start;

    [Test]
    public void A_write_through_a_read_only_open_fails_as_read_only()
    {
        using var temp = new TempDatabase();
        temp.Open().Dispose();
        using var db = temp.Open(new StorageOptions { ReadOnly = true });

        var ex = Assert.Throws<StorageException>(() => db.Metrics.WriteCheck(Checks.System(T0), [Checks.User("alice")]));

        Assert.That(ex!.Kind, Is.EqualTo(StorageFailureKind.ReadOnly));
        Assert.That(ex.Message, Does.Contain("read-only"));
    }

    [Test]
    public void A_database_that_cannot_be_created_fails_with_a_message_naming_the_directory()
    {
        using var temp = new TempDatabase();
        string blocker = Path.Combine(temp.Directory, "a-file");
        File.WriteAllText(blocker, "");
        string path = Path.Combine(blocker, "sub", "sysmedic.db");

        var ex = Assert.Throws<StorageException>(() => SysMedicDatabase.Open(path, temp.Time, temp.Logger));

        Assert.That(ex!.Message, Does.Contain(Path.Combine(blocker, "sub")));
    }

    [Test]
    public void A_full_disk_is_logged_once_per_episode_and_writing_resumes_when_space_returns()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        var health = new StorageHealth(temp.Logger, temp.Time, temp.Path);
        var users = Enumerable.Range(0, 100).Select(i => Checks.User($"somebody-with-a-long-name-{i:D3}")).ToList();
        Assert.That(health.TryWrite("writing the check", () => db.Metrics.WriteCheck(Checks.System(T0), users)), Is.True);
        SetMaxPageCount(db, (long)db.Maintenance.Stats().PageCount);

        var results = Enumerable.Range(1, 20)
            .Select(i =>
            {
                bool written = health.TryWrite("writing the check", () => db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(i)), users));
                health.Settle();
                return written;
            })
            .ToList();

        Assert.That(results, Has.Some.False);
        Assert.That(health.IsWriting, Is.False);
        Assert.That(health.FailureKind, Is.EqualTo(StorageFailureKind.DiskFull));
        var failure = temp.Logger.Entries.Single(e => e.Level == LogLevel.Error);
        Assert.That(failure.Message, Does.Contain("disk full").And.Contain("free of").And.Contain(temp.Directory));
        Assert.That(failure.Exception, Is.Null, "an expected I/O condition is one line, without a stack trace");
        Assert.That(temp.Logger.Count(LogLevel.Warning), Is.Zero);

        SetMaxPageCount(db, 1_000_000);
        bool resumed = health.TryWrite("writing the check", () => db.Metrics.WriteCheck(Checks.System(T0.AddHours(1)), users));
        Assert.That(health.IsWriting, Is.False, "not back before the round of writes is over");
        health.Settle();

        Assert.That(resumed, Is.True);
        Assert.That(health.IsWriting, Is.True);
        Assert.That(temp.Logger.Entries.Single(e => e.Level == LogLevel.Warning).Message, Does.Contain("writable again"));
        Assert.That(db.History.System(T0.AddHours(1), T0.AddHours(2), 1).Single().Samples, Is.EqualTo(1));
    }

    private static void SetMaxPageCount(SysMedicDatabase db, long pages)
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = $"PRAGMA max_page_count = {pages}";
        command.ExecuteNonQuery();
    }
}

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
        var health = new StorageHealth(temp.Logger, temp.Time);
        var users = Enumerable.Range(0, 100).Select(i => Checks.User($"somebody-with-a-long-name-{i:D3}")).ToList();
        Assert.That(health.TryWrite("writing the check", () => db.Metrics.WriteCheck(Checks.System(T0), users)), Is.True);
        SetMaxPageCount(db, (long)db.Maintenance.Stats().PageCount);

        var results = Enumerable.Range(1, 20)
            .Select(i => health.TryWrite("writing the check", () => db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(i)), users)))
            .ToList();

        Assert.That(results, Has.Some.False);
        Assert.That(health.IsWriting, Is.False);
        Assert.That(health.FailureKind, Is.EqualTo(StorageFailureKind.DiskFull));
        Assert.That(temp.Logger.Count(LogLevel.Error), Is.EqualTo(1));
        Assert.That(temp.Logger.Count(LogLevel.Warning), Is.Zero);

        SetMaxPageCount(db, 1_000_000);
        bool resumed = health.TryWrite("writing the check", () => db.Metrics.WriteCheck(Checks.System(T0.AddHours(1)), users));

        Assert.That(resumed, Is.True);
        Assert.That(health.IsWriting, Is.True);
        Assert.That(temp.Logger.Entries.Single(e => e.Level == LogLevel.Warning).Message, Does.Contain("resumed"));
        Assert.That(db.History.System(T0.AddHours(1), T0.AddHours(2), 1).Single().Samples, Is.EqualTo(1));
    }

    private static void SetMaxPageCount(SysMedicDatabase db, long pages)
    {
        using var command = db.Connection.CreateCommand();
        command.CommandText = $"PRAGMA max_page_count = {pages}";
        command.ExecuteNonQuery();
    }
}

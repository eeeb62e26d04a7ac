using Microsoft.Extensions.Logging;
using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

public class CorruptionTests
{
    private static readonly DateTimeOffset T0 = TempDatabase.Start;

    [Test]
    public void A_file_with_a_garbage_header_is_moved_aside_with_its_wal_and_shm_and_a_new_database_is_created()
    {
        using var temp = new TempDatabase();
        CreateWithRows(temp);
        using (var file = File.OpenWrite(temp.Path))
        {
            file.Write("this is not an SQLite header!"u8);
        }

        File.WriteAllBytes(temp.Path + "-wal", []);
        File.WriteAllBytes(temp.Path + "-shm", []);

        using var db = temp.Open();

        string expected = temp.Path + ".corrupt-20260301T000000Z";
        Assert.That(db.QuarantinedTo, Is.EqualTo(expected));
        Assert.That(File.Exists(expected) && File.Exists(expected + "-wal") && File.Exists(expected + "-shm"), Is.True);
        Assert.That(temp.Logger.Count(LogLevel.Critical), Is.EqualTo(1));
        Assert.That(temp.Logger.Entries.Single(e => e.Level == LogLevel.Critical).Message, Does.Contain(expected));
        Assert.That(db.Metrics.WriteCheck(Checks.System(T0), [Checks.User("alice")]), Is.True);
        Assert.That(db.History.System(T0, T0.AddDays(1), 1).Single().Samples, Is.EqualTo(1), "only the new check");
    }

    [Test]
    public void A_file_with_damaged_pages_fails_the_quick_check_and_is_replaced()
    {
        using var temp = new TempDatabase();
        CreateWithRows(temp);
        long pages = new FileInfo(temp.Path).Length / 4096;
        using (var file = File.OpenWrite(temp.Path))
        {
            // Pages in the middle of the file are user_metrics B-tree pages: overwrite a few with noise.
            file.Position = pages / 2 * 4096;
            var noise = new byte[4096 * 3];
            new Random(7).NextBytes(noise);
            file.Write(noise);
        }

        using var db = temp.Open();

        Assert.That(db.QuarantinedTo, Is.Not.Null);
        Assert.That(temp.Logger.Entries.Single(e => e.Level == LogLevel.Critical).Message, Does.Contain("quick_check").Or.Contain("malformed"));
        Assert.That(db.History.System(T0, T0.AddDays(1), 1), Is.Empty);
    }

    [Test]
    public void Without_quarantine_a_corrupt_file_is_reported_and_left_in_place()
    {
        using var temp = new TempDatabase();
        File.WriteAllText(temp.Path, "definitely not a database, but long enough to have a header of sorts..........");

        var ex = Assert.Throws<CorruptDatabaseException>(() => temp.Open(new StorageOptions { QuarantineCorrupt = false }));

        Assert.That(ex!.Kind, Is.EqualTo(StorageFailureKind.Corrupt));
        Assert.That(ex.Message, Does.Contain(temp.Path));
        Assert.That(File.ReadAllText(temp.Path), Does.StartWith("definitely not"));
        Assert.That(Directory.GetFiles(temp.Directory), Has.Length.EqualTo(1));
    }

    private static void CreateWithRows(TempDatabase temp)
    {
        using var db = temp.Open();
        Checks.WriteMinutes(db, T0, 200, Enumerable.Range(0, 20).Select(i => $"user{i:D2}").ToArray());
    }
}

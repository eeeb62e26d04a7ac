using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

public class BackupTests
{
    private static readonly DateTimeOffset T0 = TempDatabase.Start;

    [Test]
    public void A_backup_taken_while_another_connection_writes_is_sound_and_holds_only_whole_checks()
    {
        using var temp = new TempDatabase();
        using (var seed = temp.Open())
        {
            Checks.WriteMinutes(seed, T0, 300, "alice", "bob", "carol");
        }

        string copy = Path.Combine(temp.Directory, "copy.db");
        using var stop = new CancellationTokenSource();
        int written = 0;
        Task writer = Task.Run(() =>
        {
            using var db = temp.Open(new StorageOptions { QuickCheck = false });
            for (int i = 300; !stop.IsCancellationRequested; i++)
            {
                db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(i)), [Checks.User("alice"), Checks.User("bob"), Checks.User("carol")]);
                Interlocked.Increment(ref written);
            }
        });
        SpinWait.SpinUntil(() => Volatile.Read(ref written) > 10);

        BackupResult result;
        using (var reader = temp.Open(new StorageOptions { ReadOnly = true, QuickCheck = false }))
        {
            result = reader.Maintenance.Backup(copy);
        }

        stop.Cancel();
        writer.Wait();

        Assert.That(result.IntegrityCheck, Is.EqualTo("ok"));
        Assert.That(DatabaseMaintenance.IntegrityCheck(copy), Is.EqualTo("ok"));
        using var restored = SysMedicDatabase.Open(copy, temp.Time, temp.Logger, new StorageOptions { ReadOnly = true });
        var stats = restored.Maintenance.Stats();
        long systemRows = stats.Tables.Single(t => t.Name == "system_metrics").Rows;
        Assert.That(systemRows, Is.GreaterThanOrEqualTo(300));
        Assert.That(stats.Tables.Single(t => t.Name == "user_metrics").Rows, Is.EqualTo(3 * systemRows));
    }

    [Test]
    public void A_backup_replaces_an_older_copy_and_leaves_no_temporary_files()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        Checks.WriteMinutes(db, T0, 5, "alice");
        string copy = Path.Combine(temp.Directory, "copy.db");
        File.WriteAllText(copy, "an older backup");

        BackupResult result = db.Maintenance.Backup(copy);

        Assert.That(result.SizeBytes, Is.EqualTo(new FileInfo(copy).Length));
        Assert.That(DatabaseMaintenance.IntegrityCheck(copy), Is.EqualTo("ok"));
        Assert.That(Directory.GetFiles(temp.Directory).Select(Path.GetFileName), Has.None.Contain(".tmp-"));
    }

    [Test]
    public void Backing_up_onto_the_database_itself_or_into_a_missing_directory_is_refused()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();

        var self = Assert.Throws<StorageException>(() => db.Maintenance.Backup(temp.Path));
        var missing = Assert.Throws<StorageException>(() => db.Maintenance.Backup(Path.Combine(temp.Directory, "nope", "copy.db")));

        Assert.That(self!.Message, Does.Contain("is the database itself"));
        Assert.That(missing!.Message, Does.Contain("does not exist"));
    }

    [Test]
    public void A_copy_that_cannot_be_created_is_an_error_naming_it_not_a_crash()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();

        // /proc takes no new files, for root too.
        var refused = Assert.Throws<StorageException>(() => db.Maintenance.Backup("/proc/sysmedic-backup-test.db"));

        Assert.That(refused!.Message, Does.Contain("backing up to /proc/sysmedic-backup-test.db failed"));
    }
}

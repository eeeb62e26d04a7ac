using Microsoft.Data.Sqlite;
using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

/// <summary>
/// A process killed with SIGKILL leaves the files exactly as they are at that instant (its writes are in the
/// page cache). The test copies the database, -wal and -shm from inside a check's transaction, after 150 of its
/// 200 user rows, with a cache of two pages so uncommitted pages have already spilled into the WAL: that copy is
/// what the next start finds.
/// </summary>
public class CrashConsistencyTests
{
    private static readonly DateTimeOffset T0 = TempDatabase.Start;

    [Test]
    public void A_process_killed_in_the_middle_of_a_check_leaves_a_sound_file_without_that_check()
    {
        using var temp = new TempDatabase();
        string image = Path.Combine(temp.Directory, "after-kill.db");
        var users = Enumerable.Range(0, 200).Select(i => Checks.User($"user-{i:D3}")).ToList();
        using (var db = temp.Open())
        {
            for (int i = 0; i < 5; i++)
            {
                db.Metrics.WriteCheck(Checks.System(T0.AddMinutes(i)), users);
            }

            db.Connection.CreateFunction("take_crash_image", () => CopyFiles(temp.Path, image));
            Execute(db.Connection, "PRAGMA cache_size = 2");
            Execute(db.Connection, "CREATE TEMP TRIGGER crash AFTER INSERT ON main.user_metrics_recent WHEN NEW.username = 'user-150' BEGIN SELECT take_crash_image(); END");

            db.Metrics.WriteCheck(Checks.System(T0.AddHours(1)), users);
        }

        Assert.That(File.Exists(image + "-wal"), Is.True, "the image was taken inside the transaction");
        using var restarted = SysMedicDatabase.Open(image, temp.Time, temp.Logger);
        Assert.That(restarted.QuarantinedTo, Is.Null);
        Assert.That(DatabaseMaintenance.IntegrityCheck(image), Is.EqualTo("ok"));
        var tables = restarted.Maintenance.Stats().Tables.ToDictionary(t => t.Name, t => t.Rows);
        Assert.That(tables["system_metrics"], Is.EqualTo(5));
        Assert.That(tables["user_metrics"], Is.EqualTo(5 * 200));
        Assert.That(restarted.History.TopUsers(T0, T0.AddHours(3), 1).Single().Samples, Is.EqualTo(5), "the rollups hold no part of the lost check");
    }

    private static long CopyFiles(string path, string image)
    {
        foreach (string suffix in new[] { string.Empty, "-wal", "-shm" })
        {
            if (File.Exists(path + suffix))
            {
                File.Copy(path + suffix, image + suffix, overwrite: true);
            }
        }

        return 1;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}

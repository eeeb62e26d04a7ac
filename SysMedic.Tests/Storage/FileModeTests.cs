using SysMedic.Agent.Daemon;

namespace SysMedic.Tests.Storage;

/// <summary>The database and its backups are their owner's alone (0600), whatever the umask of whoever made them.</summary>
[NonParallelizable]
public class FileModeTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private const UnixFileMode OpenToAll = (UnixFileMode)0b110_100_100;

    [Test]
    public void A_new_database_and_its_wal_and_shm_are_0600_under_umask_000()
    {
        using var temp = new TempDatabase();
        ProcessUmask.With(0, () =>
        {
            using var db = temp.Open();
            Checks.WriteMinutes(db, TempDatabase.Start, 2, "alice");
            Assert.That(File.Exists(temp.Path + "-wal") && File.Exists(temp.Path + "-shm"), Is.True, "WAL mode");
            Assert.That(Modes(temp.Path), Is.EqualTo(new[] { Private, Private, Private }));
        });
    }

    [Test]
    public void A_database_left_open_to_all_by_an_earlier_version_is_made_private_when_opened_for_writing()
    {
        using var temp = new TempDatabase();
        using (var db = temp.Open())
        {
            Checks.WriteMinutes(db, TempDatabase.Start, 2, "alice");
            foreach (string f in Files(temp.Path))
            {
                File.SetUnixFileMode(f, OpenToAll);
            }
        }

        File.SetUnixFileMode(temp.Path, OpenToAll);
        using (temp.Open())
        {
            Assert.That(File.GetUnixFileMode(temp.Path), Is.EqualTo(Private));
            Assert.That(Files(temp.Path).Select(File.GetUnixFileMode), Is.All.EqualTo(Private));
        }
    }

    [Test]
    public void A_backup_is_0600_under_umask_000()
    {
        using var temp = new TempDatabase();
        string copy = Path.Combine(temp.Directory, "backup.db");
        ProcessUmask.With(0, () =>
        {
            using var db = temp.Open();
            Checks.WriteMinutes(db, TempDatabase.Start, 2, "alice");
            db.Maintenance.Backup(copy);
        });

        Assert.That(File.GetUnixFileMode(copy), Is.EqualTo(Private));
    }

    [Test]
    public void A_backup_replacing_an_open_file_is_0600_too()
    {
        using var temp = new TempDatabase();
        string copy = Path.Combine(temp.Directory, "backup.db");
        File.WriteAllText(copy, "an older backup");
        File.SetUnixFileMode(copy, OpenToAll);
        using var db = temp.Open();
        db.Maintenance.Backup(copy);
        Assert.That(File.GetUnixFileMode(copy), Is.EqualTo(Private));
    }

    private static IEnumerable<string> Files(string path) => new[] { path, path + "-wal", path + "-shm" }.Where(File.Exists);

    private static UnixFileMode[] Modes(string path) => [.. new[] { path, path + "-wal", path + "-shm" }.Select(File.GetUnixFileMode)];
}

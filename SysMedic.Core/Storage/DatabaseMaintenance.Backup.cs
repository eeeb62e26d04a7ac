using Microsoft.Data.Sqlite;

namespace SysMedic.Core.Storage;

/// <summary>Online backup with SQLite's backup API, verified before it replaces the target.</summary>
public sealed partial class DatabaseMaintenance
{
    /// <summary>
    /// Copies the database to <paramref name="destination"/> while others keep writing (a consistent snapshot),
    /// runs <c>PRAGMA integrity_check</c> on the copy, and only then moves it into place (replacing a previous
    /// file). Throws <see cref="StorageException"/> naming the problem; the target is left untouched on failure.
    /// </summary>
    public BackupResult Backup(string destination)
    {
        string target = System.IO.Path.GetFullPath(destination);
        if (target == System.IO.Path.GetFullPath(_database.Path))
        {
            throw new StorageException(StorageFailureKind.Other, $"{destination} is the database itself; choose another file");
        }

        string? directory = System.IO.Path.GetDirectoryName(target);
        if (directory is null || !Directory.Exists(directory))
        {
            throw new StorageException(StorageFailureKind.Other, $"the directory of {destination} does not exist");
        }

        string temporary = target + ".tmp-" + Guid.NewGuid().ToString("N")[..8];
        try
        {
            // Made 0600 before SQLite opens it, so the copy is never readable by others, and the rename keeps that mode.
            PrivateFile.PrepareDatabase(temporary);
            using (var copy = new SqliteConnection(SysMedicDatabase.ConnectionString(temporary, readOnly: false)))
            {
                SqliteErrors.Guard($"backing up to {destination}", () =>
                {
                    copy.Open();
                    Connection.BackupDatabase(copy);
                    return 0;
                });
            }

            string verdict = IntegrityCheck(temporary);
            if (verdict != "ok")
            {
                throw new CorruptDatabaseException($"the copy failed integrity_check ({verdict}); {destination} was not written");
            }

            File.Move(temporary, target, overwrite: true);
            return new BackupResult(target, new FileInfo(target).Length, verdict);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            throw new StorageException(StorageFailureKind.IoError, $"writing {destination} failed: {ex.Message}", ex);
        }
        finally
        {
            foreach (string suffix in new[] { string.Empty, "-wal", "-shm", "-journal" })
            {
                File.Delete(temporary + suffix);
            }
        }
    }

    /// <summary>The result of <c>PRAGMA integrity_check</c> on the file at <paramref name="path"/>: "ok" or the problems found.</summary>
    public static string IntegrityCheck(string path)
    {
        using var connection = new SqliteConnection(SysMedicDatabase.ConnectionString(path, readOnly: true));
        return SqliteErrors.Guard("checking " + path, () =>
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA integrity_check(20)";
            using var reader = command.ExecuteReader();
            var lines = new List<string>();
            while (reader.Read())
            {
                lines.Add(reader.GetString(0));
            }

            return string.Join("; ", lines);
        });
    }
}

using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SysMedic.Core.Storage;

/// <summary>Pragmas, the integrity check and the schema version at open.</summary>
public sealed partial class SysMedicDatabase
{
    private static void QuickCheck(SqliteConnection connection, string path)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA quick_check(5)";
        var problems = new List<string>();
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                problems.Add(reader.GetString(0));
            }
        }

        if (problems is not ["ok"])
        {
            throw new CorruptDatabaseException($"{path}: quick_check: {string.Join("; ", problems)}");
        }
    }

    private static int Configure(SqliteConnection connection, string path, ILogger logger)
    {
        // auto_vacuum can only be chosen before the first table exists; INCREMENTAL lets retention give space back.
        if (Convert.ToInt64(Scalar(connection, "PRAGMA page_count"), System.Globalization.CultureInfo.InvariantCulture) == 0)
        {
            Execute(connection, "PRAGMA auto_vacuum = INCREMENTAL");
        }

        string? mode = Scalar(connection, "PRAGMA journal_mode = WAL") as string;
        if (!string.Equals(mode, "wal", StringComparison.OrdinalIgnoreCase))
        {
            logger.LogWarning("Database {Path} could not switch to WAL (journal mode is {Mode}); readers may wait for writers", path, mode);
        }

        // In WAL, NORMAL never corrupts; a power cut may lose the last commits, a killed process loses none.
        Execute(connection, "PRAGMA synchronous = NORMAL");

        // A long reader (a backup, db stats) can let the WAL grow; cut it back to 64 MiB after each checkpoint.
        Execute(connection, "PRAGMA journal_size_limit = 67108864");
        return SchemaMigrator.Migrate(connection, path, logger);
    }

    private static int CheckReadOnlyVersion(SqliteConnection connection, string path)
    {
        int version = SchemaMigrator.ReadVersion(connection);
        SchemaMigrator.RefuseNewer(version, path);
        if (version < Migrations.Latest)
        {
            throw new StorageSchemaException(
                $"{path} has schema version {version}; it is upgraded to version {Migrations.Latest} when opened for writing (the agent does it at start)");
        }

        return version;
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}

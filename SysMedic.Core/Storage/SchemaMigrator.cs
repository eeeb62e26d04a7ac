using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;

namespace SysMedic.Core.Storage;

/// <summary>Brings a database to <see cref="Migrations.Latest"/>, one transaction per step; refuses newer ones.</summary>
internal static class SchemaMigrator
{
    /// <summary>The version recorded in the file (0 for a new, empty file).</summary>
    public static int ReadVersion(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA user_version";
        return Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>Throws <see cref="StorageSchemaException"/> when the file is newer than this build.</summary>
    public static void RefuseNewer(int version, string path)
    {
        if (version > Migrations.Latest)
        {
            throw new StorageSchemaException(
                $"{path} has schema version {version}, newer than version {Migrations.Latest} that this sysmedic " +
                "understands; it is never downgraded: upgrade sysmedic or use another database file");
        }
    }

    /// <summary>Applies every step above the file's version, in order; returns the version reached.</summary>
    public static int Migrate(SqliteConnection connection, string path, ILogger logger)
    {
        int version = ReadVersion(connection);
        RefuseNewer(version, path);
        foreach (Migration migration in Migrations.All.Where(m => m.Version > version))
        {
            Apply(connection, migration, path);
            if (logger.IsEnabled(LogLevel.Information))
            {
                logger.LogInformation("Database {Path} upgraded to schema version {Version} ({Description})", path, migration.Version, migration.Description);
            }

            version = migration.Version;
        }

        return version;
    }

    private static void Apply(SqliteConnection connection, Migration migration, string path)
    {
        using var transaction = connection.BeginTransaction();
        try
        {
            using var command = connection.CreateCommand();
            command.Transaction = transaction;
            command.CommandText = migration.Sql;
            command.ExecuteNonQuery();

            // PRAGMA takes no parameters; the version is an integer from the list above, not input.
            command.CommandText = "PRAGMA user_version = " + migration.Version.ToString(System.Globalization.CultureInfo.InvariantCulture);
            command.ExecuteNonQuery();
            transaction.Commit();
        }
        catch (SqliteException ex)
        {
            throw new StorageSchemaException(
                $"{path}: upgrading to schema version {migration.Version} ({migration.Description}) failed, nothing was changed: {ex.Message}", ex);
        }
    }
}

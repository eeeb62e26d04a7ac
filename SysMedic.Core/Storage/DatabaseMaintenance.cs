using Microsoft.Data.Sqlite;

namespace SysMedic.Core.Storage;

/// <summary>
/// Retention, statistics and online backup. Retention deletes in batches of at most <see cref="DefaultBatchSize"/>
/// rows, each its own short transaction, so the agent's writes never wait long; then an incremental vacuum.
/// </summary>
public sealed partial class DatabaseMaintenance
{
    /// <summary>Rows deleted per transaction.</summary>
    public const int DefaultBatchSize = 5_000;

    private const string UsersSql = """
        WITH RECURSIVE names(name) AS (
            SELECT min(username) FROM user_metrics
            UNION ALL
            SELECT (SELECT min(username) FROM user_metrics WHERE username > names.name) FROM names WHERE names.name IS NOT NULL
        )
        SELECT name FROM names WHERE name IS NOT NULL
        """;

    private const string DeleteSystemSql = """
        DELETE FROM system_metrics WHERE timestamp IN
            (SELECT timestamp FROM system_metrics WHERE timestamp < $cutoff ORDER BY timestamp LIMIT $batch)
        """;

    private const string DeleteUserSql = """
        DELETE FROM user_metrics WHERE username = $user AND timestamp IN
            (SELECT timestamp FROM user_metrics WHERE username = $user AND timestamp < $cutoff ORDER BY timestamp LIMIT $batch)
        """;

    private const string DeleteStagedSql = """
        DELETE FROM user_metrics_recent WHERE (timestamp, username) IN
            (SELECT timestamp, username FROM user_metrics_recent WHERE timestamp < $cutoff ORDER BY timestamp LIMIT $batch)
        """;

    // Rollup hours that ended before the cutoff; the hour containing it stays until the next run.
    private const string DeleteSystemHourlySql = """
        DELETE FROM system_metrics_hourly WHERE hour IN
            (SELECT hour FROM system_metrics_hourly WHERE hour < $cutoff / 3600 * 3600 ORDER BY hour LIMIT $batch)
        """;

    private const string DeleteUserHourlySql = """
        DELETE FROM user_metrics_hourly WHERE (hour, username) IN
            (SELECT hour, username FROM user_metrics_hourly WHERE hour < $cutoff / 3600 * 3600 ORDER BY hour LIMIT $batch)
        """;

    private const string DeleteAlertsSql = """
        DELETE FROM alerts WHERE id IN
            (SELECT id FROM alerts WHERE resolved = 1 AND timestamp < $cutoff LIMIT $batch)
        """;

    private const string DeletePersistentSql = """
        DELETE FROM persistent_users WHERE id IN
            (SELECT id FROM persistent_users WHERE resolved = 1 AND end_time < $cutoff LIMIT $batch)
        """;

    private const string DeleteOutboxSql = """
        DELETE FROM outbox WHERE id IN
            (SELECT id FROM outbox WHERE coalesce(delivered_at, gave_up_at) < $cutoff LIMIT $batch)
        """;

    private readonly SysMedicDatabase _database;

    /// <summary>Maintenance of <paramref name="database"/>.</summary>
    public DatabaseMaintenance(SysMedicDatabase database) => _database = database;

    private SqliteConnection Connection => _database.Connection;

    /// <summary>
    /// Deletes metrics (and hourly rollups of hours that ended) and recorded moments older than
    /// <paramref name="retentionDays"/> days, plus resolved alerts, closed persistent-user episodes and finished outbox
    /// messages older than that (open ones are kept), then runs
    /// <c>PRAGMA incremental_vacuum</c>.
    /// </summary>
    public RetentionResult Cleanup(int retentionDays, int batchSize = DefaultBatchSize)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(retentionDays);
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(batchSize);
        DateTimeOffset cutoff = _database.Time.GetUtcNow() - TimeSpan.FromDays(retentionDays);
        long seconds = UnixTime.ToSeconds(cutoff);
        int transactions = 0;
        long system = DeleteInBatches(DeleteSystemSql, seconds, batchSize, null, ref transactions);
        long users = DeleteInBatches(DeleteStagedSql, seconds, batchSize, null, ref transactions);
        foreach (string user in SqliteErrors.Guard("listing users", ListUsers))
        {
            users += DeleteInBatches(DeleteUserSql, seconds, batchSize, user, ref transactions);
        }

        long hourly = DeleteInBatches(DeleteSystemHourlySql, seconds, batchSize, null, ref transactions)
            + DeleteInBatches(DeleteUserHourlySql, seconds, batchSize, null, ref transactions);
        long alerts = DeleteInBatches(DeleteAlertsSql, seconds, batchSize, null, ref transactions);
        long persistent = DeleteInBatches(DeletePersistentSql, seconds, batchSize, null, ref transactions);
        long outbox = DeleteInBatches(DeleteOutboxSql, seconds, batchSize, null, ref transactions);
        long processes = _database.Moments.Cleanup(seconds, Delete);
        long freed = SqliteErrors.Guard("incremental vacuum", IncrementalVacuum);
        return new RetentionResult(cutoff, system, users, hourly, alerts, persistent, outbox, freed, transactions) { ProcessRows = processes };

        long Delete(string sql) => DeleteInBatches(sql, seconds, batchSize, null, ref transactions);
    }

    private List<string> ListUsers()
    {
        using var command = Connection.CreateCommand();
        command.CommandText = UsersSql;
        using var reader = command.ExecuteReader();
        var users = new List<string>();
        while (reader.Read())
        {
            users.Add(reader.GetString(0));
        }

        return users;
    }

    private long DeleteInBatches(string sql, long cutoff, int batchSize, string? user, ref int transactions)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$cutoff", cutoff);
        command.Parameters.AddWithValue("$batch", batchSize);
        command.Parameters.AddWithValue("$user", (object?)user ?? DBNull.Value);
        long total = 0;
        while (true)
        {
            // Each statement outside an explicit transaction commits on its own: one short lock per batch.
            int deleted = SqliteErrors.Guard("deleting old rows", command.ExecuteNonQuery);
            transactions++;
            total += deleted;
            if (deleted < batchSize)
            {
                return total;
            }
        }
    }

    private long IncrementalVacuum()
    {
        long before = Pragma("freelist_count");
        using (var command = Connection.CreateCommand())
        {
            command.CommandText = "PRAGMA incremental_vacuum";
            command.ExecuteNonQuery();
        }

        return before - Pragma("freelist_count");
    }

    private long Pragma(string name)
    {
        using var command = Connection.CreateCommand();
        command.CommandText = "PRAGMA " + name;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }
}

using Microsoft.Data.Sqlite;

namespace SysMedic.Core.Storage;

/// <summary>Statistics: file size, pages, schema version, rows and time range per table.</summary>
public sealed partial class DatabaseMaintenance
{
    // Table and time column pairs; each query is a constant so nothing from outside reaches the SQL text.
    private static readonly (string Table, string Sql)[] TableQueries =
    [
        ("system_metrics", "SELECT count(*), min(timestamp), max(timestamp) FROM system_metrics"),
        ("user_metrics", "SELECT count(*), min(timestamp), max(timestamp) FROM user_metrics_all"),
        ("system_metrics_hourly", "SELECT count(*), min(hour), max(hour) FROM system_metrics_hourly"),
        ("user_metrics_hourly", "SELECT count(*), min(hour), max(hour) FROM user_metrics_hourly"),
        ("alerts", "SELECT count(*), min(timestamp), max(timestamp) FROM alerts"),
        ("persistent_users", "SELECT count(*), min(start_time), max(start_time) FROM persistent_users"),
        ("outbox", "SELECT count(*), min(created_at), max(created_at) FROM outbox"),
    ];

    /// <summary>
    /// Reads the statistics. Counting <c>user_metrics</c> reads the whole table (about a second for 30 days of
    /// 100 users), so this is for the CLI, not for every check.
    /// </summary>
    public DatabaseStats Stats()
    {
        return SqliteErrors.Guard("reading statistics", () =>
        {
            var tables = TableQueries.Select(t => ReadTable(t.Table, t.Sql)).ToList();
            return new DatabaseStats(
                _database.Path, FileSize(_database.Path), FileSize(_database.Path + "-wal"), _database.SchemaVersion,
                Pragma("page_size"), Pragma("page_count"), Pragma("freelist_count"), tables);
        });
    }

    private static long FileSize(string path)
    {
        var info = new FileInfo(path);
        return info.Exists ? info.Length : 0;
    }

    private TableStats ReadTable(string table, string sql)
    {
        using SqliteCommand command = Connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        reader.Read();
        return new TableStats(table, reader.GetInt64(0), UnixTime.FromNullable(reader.GetValue(1)), UnixTime.FromNullable(reader.GetValue(2)));
    }
}

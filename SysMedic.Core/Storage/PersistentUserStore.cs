using Microsoft.Data.Sqlite;

namespace SysMedic.Core.Storage;

/// <summary>
/// The <c>persistent_users</c> table: at most one open episode per (user, metric), updated every check, closed
/// when usage drops. The agent reloads open episodes at start so tracking survives a restart.
/// </summary>
public sealed class PersistentUserStore
{
    private const string Columns = "id, username, metric, start_time, end_time, duration_minutes, peak_usage, average_usage, sample_count";

    private const string UpsertSql = """
        INSERT INTO persistent_users (username, metric, start_time, duration_minutes, peak_usage, average_usage, sample_count)
        VALUES ($user, $metric, $start, $duration, $peak, $avg, $count)
        ON CONFLICT (username, metric) WHERE resolved = 0 DO UPDATE SET
            duration_minutes = excluded.duration_minutes, peak_usage = excluded.peak_usage,
            average_usage = excluded.average_usage, sample_count = excluded.sample_count
        """;

    private const string OpenSql = "SELECT " + Columns + " FROM persistent_users WHERE resolved = 0 ORDER BY start_time, id";

    private const string ResolveSql = """
        UPDATE persistent_users SET resolved = 1, end_time = $end,
            duration_minutes = max(duration_minutes, ($end - start_time) / 60)
        WHERE username = $user AND metric = $metric AND resolved = 0
        """;

    private const string RecentSql = "SELECT " + Columns + " FROM persistent_users WHERE start_time >= $since ORDER BY start_time DESC, id DESC";

    private readonly StoreConnection _connection;

    internal PersistentUserStore(StoreConnection connection) => _connection = connection;

    /// <summary>Creates the open episode for (user, metric) or updates its figures (the start time is kept).</summary>
    public void UpsertOpen(PersistentUserRecord episode)
    {
        using var command = Command(UpsertSql);
        command.Parameters.AddWithValue("$user", episode.Username);
        command.Parameters.AddWithValue("$metric", episode.Metric);
        command.Parameters.AddWithValue("$start", UnixTime.ToSeconds(episode.StartTime));
        command.Parameters.AddWithValue("$duration", episode.DurationMinutes);
        command.Parameters.AddWithValue("$peak", episode.PeakUsage);
        command.Parameters.AddWithValue("$avg", episode.AverageUsage);
        command.Parameters.AddWithValue("$count", episode.SampleCount);
        SqliteErrors.Guard("storing a persistent user", command.ExecuteNonQuery);
    }

    /// <summary>Every episode still open, oldest first.</summary>
    public IReadOnlyList<PersistentUserRecord> LoadOpen()
    {
        using var command = Command(OpenSql);
        return SqliteErrors.Guard("reading persistent users", () => ReadAll(command));
    }

    /// <summary>Episodes that started at or after <paramref name="since"/>, open or closed, newest first.</summary>
    public IReadOnlyList<PersistentUserRecord> Since(DateTimeOffset since)
    {
        using var command = Command(RecentSql);
        command.Parameters.AddWithValue("$since", UnixTime.ToSeconds(since));
        return SqliteErrors.Guard("reading persistent users", () => ReadAll(command));
    }

    /// <summary>Closes the open episode of (<paramref name="username"/>, <paramref name="metric"/>) at <paramref name="endTime"/>; false if none was open.</summary>
    public bool Resolve(string username, string metric, DateTimeOffset endTime)
    {
        using var command = Command(ResolveSql);
        command.Parameters.AddWithValue("$user", username);
        command.Parameters.AddWithValue("$metric", metric);
        command.Parameters.AddWithValue("$end", UnixTime.ToSeconds(endTime));
        return SqliteErrors.Guard("resolving a persistent user", command.ExecuteNonQuery) == 1;
    }

    private static List<PersistentUserRecord> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var episodes = new List<PersistentUserRecord>();
        while (reader.Read())
        {
            episodes.Add(new PersistentUserRecord(
                reader.GetString(1), reader.GetString(2), UnixTime.FromSeconds(reader.GetInt64(3)),
                reader.GetDouble(6), reader.GetDouble(7), reader.GetInt32(8), reader.GetInt32(5),
                UnixTime.FromNullable(reader.GetValue(4)), reader.GetInt64(0)));
        }

        return episodes;
    }

    private SqliteCommand Command(string sql) => _connection.Command(sql);
}

using Microsoft.Data.Sqlite;

namespace SysMedic.Core.Storage;

/// <summary>
/// Chart reads: a range [from, to) split into N equal buckets, aggregated in SQL so a 30-day chart returns N rows
/// rather than 43,200. Empty buckets are absent (a gap in the chart). When a bucket spans an hour or more, and for
/// top users over two hours or more, the hourly rollups are read instead of the checks: each whole hour
/// then counts in the bucket where it starts, and the range's first hour is taken whole. Usage sums read the rollups
/// for whole hours and the checks for the partial hours at each end, so they are exact.
/// </summary>
public sealed class HistoryQueries
{
    /// <summary>The most buckets one query returns.</summary>
    public const int MaxBuckets = 10_000;

    private readonly SqliteConnection _connection;

    internal HistoryQueries(SqliteConnection connection) => _connection = connection;

    /// <summary>System history over [<paramref name="from"/>, <paramref name="to"/>) in at most <paramref name="buckets"/> points.</summary>
    public IReadOnlyList<SystemMetricsBucket> System(DateTimeOffset from, DateTimeOffset to, int buckets)
    {
        bool hourly = (to - from).TotalSeconds / buckets >= 3600;
        using var command = RangeCommand(hourly ? HistorySql.SystemHourlySql : HistorySql.SystemSql, from, to, buckets);
        return Read(command, r => new SystemMetricsBucket(
            BucketStart(r.GetInt64(0), from, to, buckets), r.GetInt32(1),
            Pct(r, 2), Pct(r, 3), Pct(r, 4), Pct(r, 5), Pct(r, 6),
            r.GetDouble(7), r.GetDouble(8), r.GetDouble(9), r.GetDouble(10),
            r.GetDouble(11), r.GetDouble(12), r.GetDouble(13), r.GetDouble(14)));
    }

    /// <summary><paramref name="username"/>'s history over [<paramref name="from"/>, <paramref name="to"/>) in at most <paramref name="buckets"/> points.</summary>
    public IReadOnlyList<UserMetricsBucket> User(string username, DateTimeOffset from, DateTimeOffset to, int buckets)
    {
        bool hourly = (to - from).TotalSeconds / buckets >= 3600;
        using var command = RangeCommand(hourly ? HistorySql.UserHourlySql : HistorySql.UserSql, from, to, buckets);
        command.Parameters.AddWithValue("$user", username);
        return Read(command, r => new UserMetricsBucket(
            BucketStart(r.GetInt64(0), from, to, buckets), r.GetInt32(1),
            Pct(r, 2), Pct(r, 3), Pct(r, 4), Pct(r, 5),
            r.GetDouble(6), r.GetInt64(7), r.GetInt32(8)));
    }

    /// <summary>The <paramref name="limit"/> users with the highest average CPU or memory over [<paramref name="from"/>, <paramref name="to"/>).</summary>
    public IReadOnlyList<TopUser> TopUsers(DateTimeOffset from, DateTimeOffset to, int limit, TopUsersOrder order = TopUsersOrder.Cpu)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(limit);
        bool hourly = to - from >= TimeSpan.FromHours(2);
        using var command = RangeCommand(hourly ? HistorySql.TopUsersHourlySql : HistorySql.TopUsersSql, from, to, 1);
        command.Parameters.AddWithValue("$order", order == TopUsersOrder.Memory ? 1 : 0);
        command.Parameters.AddWithValue("$limit", limit);
        return Read(command, r => new TopUser(
            r.GetString(0), r.GetInt32(1), Pct(r, 2), Pct(r, 3), Pct(r, 4), Pct(r, 5), r.GetInt64(6)));
    }

    /// <summary>
    /// Usage over [<paramref name="from"/>, <paramref name="to"/>) (Unix seconds, a check counts by its time): the
    /// machine's, and each user's (only <paramref name="username"/>'s when given), most CPU first. Exact for any
    /// range: whole hours come from the hourly rollups and the partial hours at each end from the checks.
    /// </summary>
    public UsageSummary Usage(DateTimeOffset from, DateTimeOffset to, string? username = null)
    {
        long start = UnixTime.ToSeconds(from);
        long end = UnixTime.ToSeconds(to);
        if (end <= start)
        {
            throw new ArgumentException($"the range must end after it starts ({from:o} .. {to:o})", nameof(to));
        }

        long h0 = start + ((3600 - (start % 3600)) % 3600);
        long h1 = end - (end % 3600);
        if (h0 >= h1)
        {
            // No whole hour inside: every check of the range is read.
            h0 = h1 = end;
        }

        using var system = UsageCommand(UsageSql.System, start, end, h0, h1);
        SystemUsageSummary machine = Read(system, r => new SystemUsageSummary(
            r.GetInt32(0), r.GetInt64(1) / 1000.0, r.GetInt64(2) / 1000.0, r.GetInt64(3), r.GetInt64(4) / 1000.0,
            r.GetInt64(5) / 1000.0, r.GetInt64(6) / 1000.0, r.GetInt64(7) / 1000.0, r.GetInt64(8) / 1000.0,
            r.GetInt64(9) / 1000.0, r.GetInt64(10) / 1000.0)).Single();
        using var users = UsageCommand(UsageSql.Users, start, end, h0, h1);
        users.Parameters.AddWithValue("$user", (object?)username ?? DBNull.Value);
        List<UserUsageSummary> rows = Read(users, r => new UserUsageSummary(
            r.GetString(0), r.GetInt32(1), r.GetInt64(2) / 1000.0, r.GetInt64(3) / 1000.0, r.GetInt64(4), r.GetInt64(5),
            r.GetInt64(6), r.GetDouble(8), r.GetInt64(9), Pct(r, 10), Pct(r, 11), r.GetInt64(7) != 0));
        return new UsageSummary(from, to, machine, rows);
    }

    /// <summary>The PIDs stored for <paramref name="username"/> at the check of <paramref name="timestamp"/> (ascending; empty if none).</summary>
    public IReadOnlyList<int> UserPidsAt(string username, DateTimeOffset timestamp)
    {
        using var command = _connection.CreateCommand();
        command.CommandText = HistorySql.PidsSql;
        command.Parameters.AddWithValue("$user", username);
        command.Parameters.AddWithValue("$ts", UnixTime.ToSeconds(timestamp));
        return command.ExecuteScalar() is byte[] blob ? PidListCodec.Decode(blob) : [];
    }

    private static double Pct(SqliteDataReader reader, int ordinal) => reader.GetDouble(ordinal) / 100.0;

    private static DateTimeOffset BucketStart(long bucket, DateTimeOffset from, DateTimeOffset to, int buckets)
    {
        long span = UnixTime.ToSeconds(to) - UnixTime.ToSeconds(from);

        // The first second t with (t - from) * n / span == bucket.
        return UnixTime.FromSeconds(UnixTime.ToSeconds(from) + (((bucket * span) + buckets - 1) / buckets));
    }

    private static List<T> Read<T>(SqliteCommand command, Func<SqliteDataReader, T> map)
    {
        try
        {
            using var reader = command.ExecuteReader();
            var rows = new List<T>();
            while (reader.Read())
            {
                rows.Add(map(reader));
            }

            return rows;
        }
        catch (SqliteException ex)
        {
            throw SqliteErrors.Wrap("reading history", ex);
        }
    }

    private SqliteCommand UsageCommand(string sql, long from, long to, long h0, long h1)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", from);
        command.Parameters.AddWithValue("$to", to);
        command.Parameters.AddWithValue("$h0", h0);
        command.Parameters.AddWithValue("$h1", h1);
        return command;
    }

    private SqliteCommand RangeCommand(string sql, DateTimeOffset from, DateTimeOffset to, int buckets)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(buckets, 1);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(buckets, MaxBuckets);
        long start = UnixTime.ToSeconds(from);
        long end = UnixTime.ToSeconds(to);
        if (end <= start)
        {
            throw new ArgumentException($"the range must end after it starts ({from:o} .. {to:o})", nameof(to));
        }

        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$from", start);
        command.Parameters.AddWithValue("$to", end);
        command.Parameters.AddWithValue("$n", (long)buckets);
        command.Parameters.AddWithValue("$span", end - start);
        return command;
    }
}

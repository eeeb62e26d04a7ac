using Microsoft.Data.Sqlite;

namespace SysMedic.Core.Storage;

/// <summary>The <c>alerts</c> table: insert, list with filters, show one, resolve (never delete).</summary>
public sealed class AlertStore
{
    private const string Columns = """
        id, timestamp, alert_type, severity, message, system_cpu, system_memory, duration_minutes, primary_cause,
        user_details, resolved_at, resolved_by, resolution_note, subject
        """;

    private const string InsertSql = """
        INSERT INTO alerts (timestamp, alert_type, severity, message, system_cpu, system_memory, duration_minutes,
            primary_cause, user_details, subject)
        VALUES ($ts, $type, $severity, $message, $cpu, $memory, $duration, $cause, $details, $subject)
        RETURNING id
        """;

    private const string ListSql = "SELECT " + Columns + """
         FROM alerts
        WHERE ($all = 1 OR resolved = 0)
          AND ($type IS NULL OR alert_type = $type)
          AND ($severity IS NULL OR severity = $severity)
          AND ($since IS NULL OR timestamp >= $since)
        ORDER BY resolved, timestamp DESC, id DESC
        LIMIT $limit
        """;

    private const string GetSql = "SELECT " + Columns + " FROM alerts WHERE id = $id";

    private const string ResolveSql = """
        UPDATE alerts SET resolved = 1, resolved_at = $now, resolved_by = $by, resolution_note = $note
        WHERE id = $id AND resolved = 0
        """;

    private readonly SqliteConnection _connection;
    private readonly TimeProvider _time;

    internal AlertStore(SqliteConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    /// <summary>Stores <paramref name="alert"/> (its Id and resolution are ignored) and returns its new id.</summary>
    public long Insert(AlertRecord alert)
    {
        using var command = Command(InsertSql);
        command.Parameters.AddWithValue("$ts", UnixTime.ToSeconds(alert.Timestamp));
        command.Parameters.AddWithValue("$type", alert.AlertType);
        command.Parameters.AddWithValue("$severity", alert.Severity);
        command.Parameters.AddWithValue("$message", alert.Message);
        command.Parameters.AddWithValue("$cpu", alert.SystemCpuPercent);
        command.Parameters.AddWithValue("$memory", alert.SystemMemoryPercent);
        command.Parameters.AddWithValue("$duration", alert.DurationMinutes);
        command.Parameters.AddWithValue("$cause", alert.PrimaryCause);
        command.Parameters.AddWithValue("$details", alert.UserDetails);
        command.Parameters.AddWithValue("$subject", alert.Subject);
        return SqliteErrors.Guard("storing an alert", () => (long)command.ExecuteScalar()!);
    }

    /// <summary>Alerts matching <paramref name="filter"/>: unresolved first, then newest first.</summary>
    public IReadOnlyList<AlertRecord> List(AlertFilter filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filter.Limit);
        using var command = Command(ListSql);
        command.Parameters.AddWithValue("$all", filter.IncludeResolved ? 1 : 0);
        command.Parameters.AddWithValue("$type", (object?)filter.AlertType ?? DBNull.Value);
        command.Parameters.AddWithValue("$severity", (object?)filter.Severity ?? DBNull.Value);
        command.Parameters.AddWithValue("$since", filter.Since is { } since ? UnixTime.ToSeconds(since) : DBNull.Value);
        command.Parameters.AddWithValue("$limit", filter.Limit);
        return SqliteErrors.Guard("listing alerts", () => ReadAll(command));
    }

    /// <summary>The alert with <paramref name="id"/>, or null.</summary>
    public AlertRecord? Get(long id)
    {
        using var command = Command(GetSql);
        command.Parameters.AddWithValue("$id", id);
        return SqliteErrors.Guard("reading an alert", () => ReadAll(command).FirstOrDefault());
    }

    /// <summary>
    /// Marks alert <paramref name="id"/> resolved now by <paramref name="resolvedBy"/> with <paramref name="note"/>.
    /// An alert already resolved keeps its first resolution and the result says so.
    /// </summary>
    public AlertResolveOutcome Resolve(long id, string resolvedBy, string? note)
    {
        using var command = Command(ResolveSql);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", UnixTime.ToSeconds(_time.GetUtcNow()));
        command.Parameters.AddWithValue("$by", resolvedBy);
        command.Parameters.AddWithValue("$note", (object?)note ?? DBNull.Value);
        int changed = SqliteErrors.Guard("resolving an alert", command.ExecuteNonQuery);
        if (changed == 1)
        {
            return AlertResolveOutcome.Resolved;
        }

        return Get(id) is null ? AlertResolveOutcome.NotFound : AlertResolveOutcome.AlreadyResolved;
    }

    private static List<AlertRecord> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var alerts = new List<AlertRecord>();
        while (reader.Read())
        {
            alerts.Add(new AlertRecord(
                reader.GetInt64(0), UnixTime.FromSeconds(reader.GetInt64(1)), reader.GetString(2), reader.GetString(3),
                reader.GetString(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetInt32(7), reader.GetString(8),
                reader.GetString(9), UnixTime.FromNullable(reader.GetValue(10)),
                reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12),
                reader.GetString(13)));
        }

        return alerts;
    }

    private SqliteCommand Command(string sql)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        return command;
    }
}

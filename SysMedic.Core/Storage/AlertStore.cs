using Microsoft.Data.Sqlite;
using SysMedic.Core.Alerts;

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

    private const string CountUnresolvedSql = "SELECT count(*) FROM alerts WHERE resolved = 0";

    private const string ResolveRecoveriesSql = """
        UPDATE alerts SET resolved = 1, resolved_at = $now, resolved_by = $by, resolution_note = $note
        WHERE resolved = 0 AND alert_type = 'recovery'
        RETURNING id
        """;

    private const string ResolveSql = """
        UPDATE alerts SET resolved = 1, resolved_at = $now, resolved_by = $by, resolution_note = $note
        WHERE id = $id AND resolved = 0
        """;

    private readonly StoreConnection _connection;
    private readonly TimeProvider _time;

    internal AlertStore(StoreConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    /// <summary>Stores <paramref name="alert"/> (its Id and resolution are ignored) and returns its new id.</summary>
    public long Insert(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        using var command = Command(InsertSql);
        command.Parameters.AddWithValue("$ts", UnixTime.ToSeconds(alert.Timestamp));
        command.Parameters.AddWithValue("$type", alert.Type.ToKey());
        command.Parameters.AddWithValue("$severity", alert.Severity.ToKey());
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
    public IReadOnlyList<Alert> List(AlertFilter filter)
    {
        ArgumentOutOfRangeException.ThrowIfNegativeOrZero(filter.Limit);
        using var command = Command(ListSql);
        command.Parameters.AddWithValue("$all", filter.IncludeResolved ? 1 : 0);
        command.Parameters.AddWithValue("$type", filter.Type is { } type ? type.ToKey() : DBNull.Value);
        command.Parameters.AddWithValue("$severity", filter.Severity is { } severity ? severity.ToKey() : DBNull.Value);
        command.Parameters.AddWithValue("$since", filter.Since is { } since ? UnixTime.ToSeconds(since) : DBNull.Value);
        command.Parameters.AddWithValue("$limit", filter.Limit);
        return SqliteErrors.Guard("listing alerts", () => ReadAll(command));
    }

    /// <summary>The alert with <paramref name="id"/>, or null.</summary>
    public Alert? Get(long id)
    {
        using var command = Command(GetSql);
        command.Parameters.AddWithValue("$id", id);
        return SqliteErrors.Guard("reading an alert", () => ReadAll(command).FirstOrDefault());
    }

    /// <summary>How many alerts nobody has resolved yet (recoveries included).</summary>
    public int CountUnresolved()
    {
        using var command = Command(CountUnresolvedSql);
        return SqliteErrors.Guard("counting alerts", () => Convert.ToInt32(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture));
    }

    /// <summary>Marks every unresolved recovery resolved now by <paramref name="resolvedBy"/>; returns their ids.</summary>
    public IReadOnlyList<long> ResolveRecoveries(string resolvedBy, string? note)
    {
        using var command = Command(ResolveRecoveriesSql);
        command.Parameters.AddWithValue("$now", UnixTime.ToSeconds(_time.GetUtcNow()));
        command.Parameters.AddWithValue("$by", resolvedBy);
        command.Parameters.AddWithValue("$note", (object?)note ?? DBNull.Value);
        return SqliteErrors.Guard("resolving recoveries", () =>
        {
            using var reader = command.ExecuteReader();
            var ids = new List<long>();
            while (reader.Read())
            {
                ids.Add(reader.GetInt64(0));
            }

            ids.Sort();
            return ids;
        });
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

    private static List<Alert> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var alerts = new List<Alert>();
        while (reader.Read())
        {
            // Only this program writes the type and severity; an unknown word (a file edited by hand) still lists.
            alerts.Add(new Alert(
                reader.GetInt64(0), UnixTime.FromSeconds(reader.GetInt64(1)),
                AlertText.ParseType(reader.GetString(2)) ?? AlertType.System, AlertText.ParseSeverity(reader.GetString(3)) ?? AlertSeverity.Low,
                reader.GetString(13), reader.GetString(4), reader.GetDouble(5), reader.GetDouble(6), reader.GetInt32(7), reader.GetString(8),
                reader.GetString(9), UnixTime.FromNullable(reader.GetValue(10)),
                reader.IsDBNull(11) ? null : reader.GetString(11), reader.IsDBNull(12) ? null : reader.GetString(12)));
        }

        return alerts;
    }

    private SqliteCommand Command(string sql) => _connection.Command(sql);
}

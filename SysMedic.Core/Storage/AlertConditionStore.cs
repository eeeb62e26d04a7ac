using Microsoft.Data.Sqlite;
using SysMedic.Core.Alerts;

namespace SysMedic.Core.Storage;

/// <summary>The <c>alert_conditions</c> table: the alert engine's conditions, replaced whenever they change.</summary>
public sealed class AlertConditionStore
{
    private const string LoadSql = "SELECT subject, level, since, alerted, clearing_since FROM alert_conditions ORDER BY subject";

    private const string InsertSql = """
        INSERT INTO alert_conditions (subject, level, since, alerted, clearing_since)
        VALUES ($subject, $level, $since, $alerted, $clearing)
        """;

    private readonly StoreConnection _connection;

    internal AlertConditionStore(StoreConnection connection) => _connection = connection;

    /// <summary>Every stored condition, by subject.</summary>
    public IReadOnlyList<AlertCondition> Load()
    {
        using var command = _connection.Command(LoadSql);
        return SqliteErrors.Guard("reading alert conditions", () =>
        {
            using var reader = command.ExecuteReader();
            var conditions = new List<AlertCondition>();
            while (reader.Read())
            {
                if (AlertText.ParseSeverity(reader.GetString(1)) is { } level)
                {
                    conditions.Add(new AlertCondition(
                        reader.GetString(0), level, UnixTime.FromSeconds(reader.GetInt64(2)), reader.GetInt64(3) != 0, UnixTime.FromNullable(reader.GetValue(4))));
                }
            }

            return conditions;
        });
    }

    /// <summary>Makes <paramref name="conditions"/> the stored set (in one transaction with the caller's, if any).</summary>
    public void Replace(IReadOnlyList<AlertCondition> conditions)
    {
        ArgumentNullException.ThrowIfNull(conditions);
        using var clear = _connection.Command("DELETE FROM alert_conditions");
        SqliteErrors.Guard("storing alert conditions", clear.ExecuteNonQuery);
        foreach (AlertCondition c in conditions)
        {
            using var insert = _connection.Command(InsertSql);
            insert.Parameters.AddWithValue("$subject", c.Subject);
            insert.Parameters.AddWithValue("$level", c.Level.ToKey());
            insert.Parameters.AddWithValue("$since", UnixTime.ToSeconds(c.Since));
            insert.Parameters.AddWithValue("$alerted", c.Alerted ? 1 : 0);
            insert.Parameters.AddWithValue("$clearing", c.ClearingSince is { } at ? UnixTime.ToSeconds(at) : DBNull.Value);
            SqliteErrors.Guard("storing alert conditions", insert.ExecuteNonQuery);
        }
    }
}

using Microsoft.Data.Sqlite;

namespace SysMedic.Core.Storage;

/// <summary>
/// The <c>outbox</c> table: deliveries survive restarts. A failure schedules the next attempt with exponential
/// back-off (<see cref="FirstRetryDelay"/> doubling up to <see cref="MaxRetryDelay"/>), or at a time the caller
/// gives (a server that cannot be reached holds back every message for it until one shared retry); a message still
/// failing <see cref="GiveUpAfter"/> after it was created is given up.
/// </summary>
public sealed class OutboxStore
{
    /// <summary>The wait after the first failure.</summary>
    public static readonly TimeSpan FirstRetryDelay = TimeSpan.FromSeconds(30);

    /// <summary>
    /// The longest wait between two attempts: how late, at worst, a backlog goes out after its server is back when
    /// no new alert comes to try it sooner. A probe every few minutes costs a dead server nothing.
    /// </summary>
    public static readonly TimeSpan MaxRetryDelay = TimeSpan.FromMinutes(5);

    /// <summary>How long after creation a failing message is abandoned.</summary>
    public static readonly TimeSpan GiveUpAfter = TimeSpan.FromDays(1);

    private const string Columns = "id, channel, payload, attempts, created_at, next_attempt_at, delivered_at, gave_up_at, last_error";

    private const string EnqueueSql = """
        INSERT INTO outbox (channel, payload, created_at, next_attempt_at) VALUES ($channel, $payload, $now, $now)
        RETURNING id
        """;

    private const string DueSql = "SELECT " + Columns + """
         FROM outbox
        WHERE delivered_at IS NULL AND gave_up_at IS NULL AND next_attempt_at <= $now
        ORDER BY next_attempt_at, id LIMIT $limit
        """;

    private const string PendingSql = "SELECT " + Columns + """
         FROM outbox
        WHERE delivered_at IS NULL AND gave_up_at IS NULL
        ORDER BY id LIMIT $limit
        """;

    private const string NextAttemptSql = """
        SELECT min(next_attempt_at) FROM outbox WHERE delivered_at IS NULL AND gave_up_at IS NULL
        """;

    private const string GetSql = "SELECT " + Columns + " FROM outbox WHERE id = $id";

    private const string DeliveredSql = """
        UPDATE outbox SET delivered_at = $now, attempts = attempts + 1, last_error = NULL
        WHERE id = $id AND delivered_at IS NULL
        """;

    private const string FailedSql = """
        UPDATE outbox SET attempts = $attempts, last_error = $error, next_attempt_at = $next, gave_up_at = $gave_up
        WHERE id = $id
        """;

    private readonly StoreConnection _connection;
    private readonly TimeProvider _time;

    internal OutboxStore(StoreConnection connection, TimeProvider time)
    {
        _connection = connection;
        _time = time;
    }

    /// <summary>Queues <paramref name="payload"/> for <paramref name="channel"/>, due now; returns its id.</summary>
    public long Enqueue(string channel, string payload)
    {
        using var command = Command(EnqueueSql);
        command.Parameters.AddWithValue("$channel", channel);
        command.Parameters.AddWithValue("$payload", payload);
        command.Parameters.AddWithValue("$now", Now());
        return SqliteErrors.Guard("queueing a delivery", () => (long)command.ExecuteScalar()!);
    }

    /// <summary>Messages whose next attempt is due, oldest due first.</summary>
    public IReadOnlyList<OutboxMessage> Due(int limit = 50)
    {
        using var command = Command(DueSql);
        command.Parameters.AddWithValue("$now", Now());
        command.Parameters.AddWithValue("$limit", limit);
        return SqliteErrors.Guard("reading the outbox", () => ReadAll(command));
    }

    /// <summary>Every message not delivered and not given up, due or not, in the order they were queued.</summary>
    public IReadOnlyList<OutboxMessage> Pending(int limit = 500)
    {
        using var command = Command(PendingSql);
        command.Parameters.AddWithValue("$limit", limit);
        return SqliteErrors.Guard("reading the outbox", () => ReadAll(command));
    }

    /// <summary>When the earliest pending message is next due, or null when nothing is pending.</summary>
    public DateTimeOffset? NextAttemptAt()
    {
        using var command = Command(NextAttemptSql);
        return SqliteErrors.Guard("reading the outbox", () => UnixTime.FromNullable(command.ExecuteScalar() ?? DBNull.Value));
    }

    /// <summary>The message with <paramref name="id"/>, or null.</summary>
    public OutboxMessage? Get(long id)
    {
        using var command = Command(GetSql);
        command.Parameters.AddWithValue("$id", id);
        return SqliteErrors.Guard("reading the outbox", () => ReadAll(command).FirstOrDefault());
    }

    /// <summary>Records a successful delivery; false if the message is unknown or already delivered.</summary>
    public bool MarkDelivered(long id)
    {
        using var command = Command(DeliveredSql);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$now", Now());
        return SqliteErrors.Guard("recording a delivery", command.ExecuteNonQuery) == 1;
    }

    /// <summary>
    /// Records a failed attempt with <paramref name="error"/> and schedules the next one, at
    /// <paramref name="nextAttempt"/> or after the message's own back-off; returns the updated message (its
    /// <see cref="OutboxMessage.GaveUpAt"/> is set when it is given up), or null if unknown.
    /// </summary>
    public OutboxMessage? MarkFailed(long id, string error, DateTimeOffset? nextAttempt = null)
    {
        OutboxMessage? message = Get(id);
        if (message is null || message.DeliveredAt is not null || message.GaveUpAt is not null)
        {
            return message;
        }

        DateTimeOffset now = _time.GetUtcNow();
        int attempts = message.Attempts + 1;
        bool giveUp = now - message.CreatedAt >= GiveUpAfter;
        DateTimeOffset next = nextAttempt ?? now + RetryDelay(attempts);
        using var command = Command(FailedSql);
        command.Parameters.AddWithValue("$id", id);
        command.Parameters.AddWithValue("$attempts", attempts);
        command.Parameters.AddWithValue("$error", error);
        command.Parameters.AddWithValue("$next", UnixTime.ToSeconds(next));
        command.Parameters.AddWithValue("$gave_up", giveUp ? UnixTime.ToSeconds(now) : DBNull.Value);
        SqliteErrors.Guard("recording a failed delivery", command.ExecuteNonQuery);
        return Get(id);
    }

    /// <summary>The wait before attempt number <paramref name="failedAttempts"/> + 1: 30 s, 1 min, 2 min, 4 min, then 5 min.</summary>
    public static TimeSpan RetryDelay(int failedAttempts)
    {
        int doublings = Math.Clamp(failedAttempts - 1, 0, 20);
        TimeSpan delay = FirstRetryDelay * Math.Pow(2, doublings);
        return delay < MaxRetryDelay ? delay : MaxRetryDelay;
    }

    private static List<OutboxMessage> ReadAll(SqliteCommand command)
    {
        using var reader = command.ExecuteReader();
        var messages = new List<OutboxMessage>();
        while (reader.Read())
        {
            messages.Add(new OutboxMessage(
                reader.GetInt64(0), reader.GetString(1), reader.GetString(2), reader.GetInt32(3),
                UnixTime.FromSeconds(reader.GetInt64(4)), UnixTime.FromSeconds(reader.GetInt64(5)),
                UnixTime.FromNullable(reader.GetValue(6)), UnixTime.FromNullable(reader.GetValue(7)),
                reader.IsDBNull(8) ? null : reader.GetString(8)));
        }

        return messages;
    }

    private long Now() => UnixTime.ToSeconds(_time.GetUtcNow());

    private SqliteCommand Command(string sql) => _connection.Command(sql);
}

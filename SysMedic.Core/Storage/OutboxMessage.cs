namespace SysMedic.Core.Storage;

/// <summary>
/// One delivery to make: <see cref="Payload"/> (e.g. the alert as JSON) to <see cref="Channel"/> (e.g. "email",
/// "webhook"). Retried with back-off until delivered or given up a day after it was created.
/// </summary>
public sealed record OutboxMessage(
    long Id,
    string Channel,
    string Payload,
    int Attempts,
    DateTimeOffset CreatedAt,
    DateTimeOffset NextAttemptAt,
    DateTimeOffset? DeliveredAt,
    DateTimeOffset? GaveUpAt,
    string? LastError);

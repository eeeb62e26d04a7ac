namespace SysMedic.Core.Storage;

/// <summary>What a retention run removed: rows older than <see cref="Cutoff"/> per table, and pages given back to the file system.</summary>
public sealed record RetentionResult(
    DateTimeOffset Cutoff,
    long SystemRows,
    long UserRows,
    long HourlyRows,
    long Alerts,
    long PersistentUsers,
    long OutboxMessages,
    long PagesFreed,
    int Transactions)
{
    /// <summary>Recorded moments, their processes and the texts nobody uses any more.</summary>
    public long ProcessRows { get; init; }

    /// <summary>All rows deleted.</summary>
    public long TotalRows => SystemRows + UserRows + HourlyRows + Alerts + PersistentUsers + OutboxMessages + ProcessRows;
}

namespace SysMedic.Tui.Connection;

/// <summary>An alert as the agent reports it; <see cref="ResolvedAt"/> is null while it is unresolved.</summary>
public sealed record AlertInfo(
    long Id,
    DateTimeOffset Timestamp,
    string Severity,
    string Kind,
    string? User,
    string Message,
    DateTimeOffset? ResolvedAt = null,
    string? ResolvedBy = null,
    string? Note = null)
{
    /// <summary>True once someone resolved it.</summary>
    public bool IsResolved => ResolvedAt is not null;
}

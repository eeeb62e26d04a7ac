namespace SysMedic.Core.Alerts;

/// <summary>
/// An alert, as the engine raises it, the database keeps it and the console shows it. <see cref="Id"/> is 0 until it
/// is stored. <see cref="Subject"/> names the condition (<c>system:cpu</c>, <c>user:alice:memory</c>,
/// <c>persistent:alice:cpu</c>; empty for alerts stored before subjects existed). System figures are percent of the
/// machine; the resolution fields are null until someone resolves it (resolving never deletes).
/// </summary>
public sealed record Alert(
    long Id,
    DateTimeOffset Timestamp,
    AlertType Type,
    AlertSeverity Severity,
    string Subject,
    string Message,
    double SystemCpuPercent = 0,
    double SystemMemoryPercent = 0,
    int DurationMinutes = 0,
    string PrimaryCause = "",
    string UserDetails = "",
    DateTimeOffset? ResolvedAt = null,
    string? ResolvedBy = null,
    string? ResolutionNote = null)
{
    /// <summary>Whether someone resolved it.</summary>
    public bool IsResolved => ResolvedAt is not null;

    /// <summary>The words sent by mail and webhook; only an alert just raised has them (they are not stored).</summary>
    public AlertContent Content { get; init; } = AlertContent.None;
}

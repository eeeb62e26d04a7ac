namespace SysMedic.Core.Storage;

/// <summary>
/// One alert as stored. <see cref="Id"/> is 0 until inserted. System figures are percent of the machine; the
/// resolution fields are null until someone resolves it (alerts are never deleted by resolving). <see cref="Subject"/>
/// names the condition (<c>system:cpu</c>, <c>user:alice:memory</c>), empty for alerts stored before it existed.
/// </summary>
public sealed record AlertRecord(
    long Id,
    DateTimeOffset Timestamp,
    string AlertType,
    string Severity,
    string Message,
    double SystemCpuPercent = 0,
    double SystemMemoryPercent = 0,
    int DurationMinutes = 0,
    string PrimaryCause = "",
    string UserDetails = "",
    DateTimeOffset? ResolvedAt = null,
    string? ResolvedBy = null,
    string? ResolutionNote = null,
    string Subject = "")
{
    /// <summary>Whether someone resolved it.</summary>
    public bool Resolved => ResolvedAt is not null;
}

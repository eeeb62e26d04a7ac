namespace SysMedic.Core.Alerts;

/// <summary>
/// An alert the engine decided to raise. <see cref="Subject"/> names the condition (<c>system:cpu</c>,
/// <c>user:alice:memory</c>) and, with the type, is the de-duplication key. Percentages are of the machine.
/// </summary>
public sealed record RaisedAlert(
    DateTimeOffset Timestamp,
    AlertType Type,
    AlertSeverity Severity,
    string Subject,
    string Message,
    double SystemCpuPercent,
    double SystemMemoryPercent,
    int DurationMinutes,
    string PrimaryCause,
    AlertContent Content)
{
    /// <summary>The de-duplication key: type and subject.</summary>
    public string Key => AlertEngine.KeyOf(Type, Subject);
}

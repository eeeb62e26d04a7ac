namespace SysMedic.Core.Alerts;

/// <summary>
/// A condition the alert engine is tracking: <see cref="Subject"/> (<c>system:cpu</c>, <c>user:alice:memory</c>,
/// <c>persistent:alice:cpu</c>) at <see cref="Level"/> since <see cref="Since"/>. <see cref="Alerted"/> says an alert
/// told someone it started, so its end gets a recovery. <see cref="ClearingSince"/> is when it went under its
/// threshold by the clearing margin, while it waits out the clearing time. Stored, so a restart continues it.
/// </summary>
public sealed record AlertCondition(string Subject, AlertSeverity Level, DateTimeOffset Since, bool Alerted, DateTimeOffset? ClearingSince = null);

namespace SysMedic.Core.Alerts;

/// <summary>
/// The memory pressure rule: an alert when all non-idle tasks stalled on memory at once (pressure "full") for more
/// than <see cref="ThresholdPercent"/> of the time, check after check, for at least <see cref="For"/>.
/// </summary>
public sealed record MemoryPressureRule(double ThresholdPercent, TimeSpan For);

namespace SysMedic.Core.Alerts;

/// <summary>
/// Hysteresis: a condition clears (and its recovery is raised) only once its value has stayed under its threshold by
/// <see cref="MarginPercent"/> percent of the threshold for <see cref="After"/>. A value hovering at a threshold
/// therefore alerts once instead of alerting and recovering at every check. Zero turns either part off.
/// </summary>
public sealed record AlertClearing(double MarginPercent, TimeSpan After)
{
    /// <summary>No hysteresis: a condition clears at the first check under its threshold.</summary>
    public static AlertClearing Immediate { get; } = new(0, TimeSpan.Zero);

    /// <summary>The value a condition over <paramref name="threshold"/> must fall to before it may clear.</summary>
    public double ClearingValue(double threshold) => threshold * (1 - (MarginPercent / 100));
}

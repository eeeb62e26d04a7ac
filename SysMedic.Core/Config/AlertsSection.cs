namespace SysMedic.Core.Config;

/// <summary>The <c>alerts</c> section: de-duplication, hysteresis and webhook delivery.</summary>
public sealed record AlertsSection
{
    /// <summary>Minutes during which a repeat of the same alert is not raised again.</summary>
    public int SuppressMinutes { get; init; } = 30;

    /// <summary>How far under its threshold, in percent of the threshold, a condition must fall before it may clear.</summary>
    public double ClearMarginPercent { get; init; } = 10;

    /// <summary>Minutes a condition must stay under its threshold by the margin before it clears (and recovers).</summary>
    public int ClearAfterMinutes { get; init; } = 3;

    /// <summary>Where alerts are posted, besides email.</summary>
    public IReadOnlyList<WebhookTarget> Webhooks { get; init; } = [];
}

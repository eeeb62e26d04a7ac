namespace SysMedic.Core.Config;

/// <summary>The <c>alerts</c> section: de-duplication and webhook delivery.</summary>
public sealed record AlertsSection
{
    /// <summary>Minutes during which a repeat of the same alert is not raised again.</summary>
    public int SuppressMinutes { get; init; } = 30;

    /// <summary>Where alerts are posted, besides email.</summary>
    public IReadOnlyList<WebhookTarget> Webhooks { get; init; } = [];
}

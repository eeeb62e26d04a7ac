namespace SysMedic.Core.Config;

/// <summary>The body a webhook receives.</summary>
public enum WebhookFormat
{
    /// <summary>SysMedic's own JSON alert object.</summary>
    Json,

    /// <summary>A Slack incoming-webhook message (<c>{"text": ...}</c>).</summary>
    Slack,

    /// <summary>A Discord webhook message (<c>{"content": ...}</c>).</summary>
    Discord,
}

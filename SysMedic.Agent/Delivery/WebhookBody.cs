using System.Globalization;
using SysMedic.Core.Alerts;
using SysMedic.Core.Config;

namespace SysMedic.Agent.Delivery;

/// <summary>The body posted to a webhook, in SysMedic's JSON, Slack's or Discord's format.</summary>
public static class WebhookBody
{
    /// <summary>Discord refuses a <c>content</c> longer than this many characters.</summary>
    public const int DiscordContentLimit = 2000;

    /// <summary>The JSON body for <paramref name="alert"/> (raised on <paramref name="host"/>) in <paramref name="format"/>.</summary>
    public static string Render(WebhookFormat format, long alertId, Alert alert, string host) => format switch
    {
        WebhookFormat.Slack => PayloadJson.Write(w => w.WriteString("text", $"*{alert.Content.Title}*\n{alert.Content.Text}")),
        WebhookFormat.Discord => PayloadJson.Write(w => w.WriteString("content", Truncate($"**{alert.Content.Title}**\n{alert.Content.Text}", DiscordContentLimit))),
        _ => PayloadJson.Write(w =>
        {
            w.WriteNumber("alert_id", alertId);
            w.WriteString("host", host);
            w.WriteString("type", alert.Type.ToKey());
            w.WriteString("severity", alert.Severity.ToKey());
            w.WriteString("subject", alert.Subject);
            w.WriteString("message", alert.Message);
            w.WriteString("timestamp", alert.Timestamp.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture));
            w.WriteNumber("system_cpu_percent", Math.Round(alert.SystemCpuPercent, 1));
            w.WriteNumber("system_memory_percent", Math.Round(alert.SystemMemoryPercent, 1));
            w.WriteString("title", alert.Content.Title);
            w.WriteString("text", alert.Content.Text);
        }),
    };

    /// <summary>The name of <paramref name="format"/> as in the configuration: <c>json</c>, <c>slack</c> or <c>discord</c>.</summary>
    public static string FormatName(WebhookFormat format) => format switch
    {
        WebhookFormat.Slack => "slack",
        WebhookFormat.Discord => "discord",
        _ => "json",
    };

    /// <summary>Parses a format name; null when unknown.</summary>
    public static WebhookFormat? ParseFormat(string name) => name switch
    {
        "json" => WebhookFormat.Json,
        "slack" => WebhookFormat.Slack,
        "discord" => WebhookFormat.Discord,
        _ => null,
    };

    /// <summary>At most <paramref name="limit"/> characters, ending with an ellipsis when cut, never inside a surrogate pair.</summary>
    internal static string Truncate(string text, int limit)
    {
        if (text.Length <= limit)
        {
            return text;
        }

        int cut = limit - 1;
        if (char.IsHighSurrogate(text[cut - 1]))
        {
            cut--;
        }

        return string.Concat(text.AsSpan(0, cut), "…");
    }
}

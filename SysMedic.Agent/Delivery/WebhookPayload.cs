using System.Text.Json;
using SysMedic.Core.Config;

namespace SysMedic.Agent.Delivery;

/// <summary>What a <c>webhook</c> outbox message holds: the target and the body, already rendered in its format.</summary>
public sealed record WebhookPayload(long AlertId, string Url, WebhookFormat Format, string Body)
{
    /// <summary>The payload as stored in the outbox.</summary>
    public string ToJson() => PayloadJson.Write(w =>
    {
        w.WriteNumber("alert_id", AlertId);
        w.WriteString("url", Url);
        w.WriteString("format", WebhookBody.FormatName(Format));
        w.WriteString("body", Body);
    });

    /// <summary>Reads a stored payload; throws <see cref="DeliveryException"/> when it is not one.</summary>
    public static WebhookPayload Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            string format = PayloadJson.RequiredString(root, "format");
            return new WebhookPayload(
                PayloadJson.RequiredLong(root, "alert_id"), PayloadJson.RequiredString(root, "url"),
                WebhookBody.ParseFormat(format) ?? throw new DeliveryException($"unknown webhook format \"{format}\""),
                PayloadJson.RequiredString(root, "body"));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new DeliveryException($"the queued webhook is not readable: {ex.Message}", ex);
        }
    }
}

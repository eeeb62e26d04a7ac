using System.Text.Json;

namespace SysMedic.Agent.Delivery;

/// <summary>
/// What an <c>email</c> outbox message holds: the alert's words only. Sender, recipients and SMTP settings are read
/// from the configuration when the message is sent, so a corrected password or a new recipient applies to queued mail.
/// </summary>
public sealed record EmailPayload(long AlertId, string Subject, string Text, string Html)
{
    /// <summary>The payload as stored in the outbox.</summary>
    public string ToJson() => PayloadJson.Write(w =>
    {
        w.WriteNumber("alert_id", AlertId);
        w.WriteString("subject", Subject);
        w.WriteString("text", Text);
        w.WriteString("html", Html);
    });

    /// <summary>Reads a stored payload; throws <see cref="DeliveryException"/> when it is not one.</summary>
    public static EmailPayload Parse(string json)
    {
        try
        {
            using var document = JsonDocument.Parse(json);
            var root = document.RootElement;
            return new EmailPayload(
                PayloadJson.RequiredLong(root, "alert_id"), PayloadJson.RequiredString(root, "subject"),
                PayloadJson.RequiredString(root, "text"), PayloadJson.RequiredString(root, "html"));
        }
        catch (Exception ex) when (ex is JsonException or InvalidOperationException)
        {
            throw new DeliveryException($"the queued email is not readable: {ex.Message}", ex);
        }
    }
}

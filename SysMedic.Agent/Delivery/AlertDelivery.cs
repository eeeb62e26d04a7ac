using SysMedic.Core.Alerts;
using SysMedic.Core.Config;
using SysMedic.Core.Storage;

namespace SysMedic.Agent.Delivery;

/// <summary>Queues a raised alert in the outbox: one message per channel that should receive it.</summary>
public static class AlertDelivery
{
    /// <summary>
    /// Puts one <c>email</c> message (when <c>email.enabled</c>) and one <c>webhook</c> message per entry of
    /// <c>alerts.webhooks</c> in <paramref name="outbox"/>; returns their ids. <paramref name="host"/> names the machine
    /// in webhook bodies (default: this machine's name).
    /// </summary>
    public static IReadOnlyList<long> Enqueue(OutboxStore outbox, long alertId, Alert alert, SysMedicConfig config, string? host = null)
    {
        ArgumentNullException.ThrowIfNull(outbox);
        ArgumentNullException.ThrowIfNull(alert);
        ArgumentNullException.ThrowIfNull(config);
        if (alert.Content.Title.Length == 0)
        {
            throw new ArgumentException("only an alert just raised has the words to send", nameof(alert));
        }

        host ??= Environment.MachineName;
        var ids = new List<long>();
        if (config.Email.Enabled)
        {
            var mail = new EmailPayload(alertId, alert.Content.Title, alert.Content.Text, alert.Content.Html);
            ids.Add(outbox.Enqueue(DeliveryChannels.Email, mail.ToJson()));
        }

        foreach (var hook in config.Alerts.Webhooks)
        {
            var post = new WebhookPayload(alertId, hook.Url, hook.Format, WebhookBody.Render(hook.Format, alertId, alert, host));
            ids.Add(outbox.Enqueue(DeliveryChannels.Webhook, post.ToJson()));
        }

        return ids;
    }
}

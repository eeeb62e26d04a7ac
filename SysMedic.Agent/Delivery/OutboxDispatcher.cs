using Microsoft.Extensions.Logging;
using SysMedic.Core.Config;
using SysMedic.Core.Storage;

namespace SysMedic.Agent.Delivery;

/// <summary>
/// Sends the outbox messages that are due and records each outcome, so a failure is retried with the outbox's
/// back-off until it succeeds or is given up a day after it was queued. Settings come from the configuration passed
/// to each call, so a reload applies to mail already queued. A failure is logged once per episode and target (when
/// it starts, when it recovers, and when a message is given up), not at every retry. Not thread-safe: call it from
/// the monitoring loop only.
/// </summary>
public sealed class OutboxDispatcher : IDisposable
{
    private readonly ILogger _logger;
    private readonly MailSender _mail;
    private readonly WebhookSender _webhooks;
    private readonly Dictionary<string, string> _failing = new(StringComparer.Ordinal);

    public OutboxDispatcher(ILogger logger, MailSender? mail = null, WebhookSender? webhooks = null)
    {
        _logger = logger;
        _mail = mail ?? new MailSender();
        _webhooks = webhooks ?? new WebhookSender();
    }

    /// <summary>
    /// Attempts every due message (at most <paramref name="limit"/>) and returns how many were delivered. Never
    /// throws for a failed delivery; only cancellation (and a storage failure, <see cref="StorageException"/>) ends
    /// it early, leaving the rest due.
    /// </summary>
    public async Task<int> DeliverDueAsync(OutboxStore outbox, SysMedicConfig config, CancellationToken cancellationToken, int limit = 50)
    {
        int delivered = 0;

        // A server that cannot be reached fails every message the same way: after that failure the others queued for
        // the same target in this pass are not tried (each try could wait for a timeout) but share its outcome.
        var unreachable = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var message in outbox.Due(limit))
        {
            cancellationToken.ThrowIfCancellationRequested();
            string target = TargetOf(message);
            var (error, targetWide) = unreachable.TryGetValue(target, out string? known)
                ? (known, true)
                : await TrySendAsync(message, config, cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                outbox.MarkDelivered(message.Id);
                delivered++;
                Recovered(target);
                continue;
            }

            if (targetWide)
            {
                unreachable[target] = error;
            }

            var updated = outbox.MarkFailed(message.Id, error);
            Failed(target, message, updated, error);
        }

        return delivered;
    }

    public void Dispose() => _webhooks.Dispose();

    /// <summary>A null error when sent; else why not, and whether every message for the target would fail alike.</summary>
    private async Task<(string? Error, bool TargetWide)> TrySendAsync(OutboxMessage message, SysMedicConfig config, CancellationToken cancellationToken)
    {
        try
        {
            switch (message.Channel)
            {
                case DeliveryChannels.Email:
                    if (!config.Email.Enabled)
                    {
                        // Kept (and retried) rather than dropped: email may be switched off for a moment while the
                        // server settings are fixed; it is given up a day after it was queued like any failure.
                        return ("email is disabled (email.enabled: false); the message is kept until email is enabled again or it is a day old", true);
                    }

                    await _mail.SendAsync(config.Email, EmailPayload.Parse(message.Payload), cancellationToken).ConfigureAwait(false);
                    return (null, false);
                case DeliveryChannels.Webhook:
                    var post = WebhookPayload.Parse(message.Payload);
                    if (!config.Alerts.Webhooks.Any(h => string.Equals(h.Url, post.Url, StringComparison.Ordinal)))
                    {
                        return ($"{WebhookSender.Redact(post.Url)} is no longer in alerts.webhooks; the message is kept until it is added back or it is a day old", true);
                    }

                    await _webhooks.SendAsync(post, cancellationToken).ConfigureAwait(false);
                    return (null, false);
                default:
                    return ($"unknown delivery channel \"{message.Channel}\"", false);
            }
        }
        catch (DeliveryException ex)
        {
            return (ex.Message, ex.Unreachable);
        }
        catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            // A bug or an unforeseen library error must not stop the other deliveries or the loop.
            return ($"{ex.GetType().Name}: {ex.Message}", false);
        }
    }

    private static string TargetOf(OutboxMessage message)
    {
        if (message.Channel != DeliveryChannels.Webhook)
        {
            return message.Channel;
        }

        try
        {
            return "webhook " + WebhookSender.Redact(WebhookPayload.Parse(message.Payload).Url);
        }
        catch (DeliveryException)
        {
            return "webhook";
        }
    }

    private void Failed(string target, OutboxMessage message, OutboxMessage? updated, string error)
    {
        if (updated?.GaveUpAt is not null)
        {
            _logger.LogError("delivery: gave up {Target} message {Id} after {Attempts} attempts since {Created:u}: {Error}",
                target, message.Id, updated.Attempts, message.CreatedAt, error);
        }

        if (_failing.TryAdd(target, error))
        {
            _logger.LogWarning("delivery: {Target} failed, retrying with back-off: {Error}", target, error);
        }
    }

    private void Recovered(string target)
    {
        if (_failing.Remove(target))
        {
            _logger.LogInformation("delivery: {Target} works again", target);
        }
    }
}

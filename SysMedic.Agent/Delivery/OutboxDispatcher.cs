using Microsoft.Extensions.Logging;
using SysMedic.Core.Config;
using SysMedic.Core.Storage;

namespace SysMedic.Agent.Delivery;

/// <summary>
/// Sends what the outbox holds and records each outcome. Each target (email, or one webhook URL) gets its messages
/// in the order they were queued, so a recovery never arrives before the alert it recovers:
/// <list type="bullet">
/// <item>A target's oldest pending message is tried whenever any of its messages is due (a new alert is a reason to
/// see whether the server is back). When it goes through, the rest follow at once: back-off ends as soon as the
/// target works again.</item>
/// <item>A server that cannot be reached (refused, no answer, email switched off) holds back every message for it
/// until one shared retry, 30 s after the first failure and then every minute; a message the server refused fails
/// alone with its own back-off (up to 5 min) and the others go on.</item>
/// </list>
/// Settings come from the configuration passed to each call, so a reload applies to mail already queued. A failure is
/// logged once per episode and target (when it starts, when it recovers, and when a message is given up), not at every
/// retry. Not thread-safe: one delivery worker calls it.
/// </summary>
public sealed class OutboxDispatcher : IDisposable
{
    /// <summary>The longest wait before trying a target that could not be reached again.</summary>
    public static readonly TimeSpan UnreachableRetryMax = TimeSpan.FromMinutes(1);

    private readonly ILogger _logger;
    private readonly TimeProvider _time;
    private readonly MailSender _mail;
    private readonly WebhookSender _webhooks;
    private readonly Dictionary<string, int> _failures = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _failing = new(StringComparer.Ordinal);

    public OutboxDispatcher(ILogger logger, TimeProvider? time = null, MailSender? mail = null, WebhookSender? webhooks = null)
    {
        _logger = logger;
        _time = time ?? TimeProvider.System;
        _mail = mail ?? new MailSender();
        _webhooks = webhooks ?? new WebhookSender();
    }

    /// <summary>
    /// One pass over at most <paramref name="limit"/> pending messages; <paramref name="all"/> tries every target
    /// whether due or not (the first pass after a start). Never throws for a failed delivery; only cancellation (and
    /// a storage failure, <see cref="StorageException"/>) ends it early, leaving the rest pending.
    /// </summary>
    public async Task<DeliveryPass> DeliverDueAsync(OutboxStore outbox, SysMedicConfig config, CancellationToken cancellationToken, int limit = 500, bool all = false)
    {
        int delivered = 0;
        DateTimeOffset now = _time.GetUtcNow();
        IReadOnlyList<OutboxMessage> pending = outbox.Pending(limit);
        foreach (var queue in pending.GroupBy(TargetOf, StringComparer.Ordinal))
        {
            if (!all && !queue.Any(m => m.NextAttemptAt <= now))
            {
                continue;
            }

            delivered += await DeliverInOrderAsync(outbox, config, queue.Key, [.. queue], cancellationToken).ConfigureAwait(false);
        }

        DateTimeOffset? next = pending.Count >= limit ? now : outbox.NextAttemptAt();
        return new DeliveryPass(delivered, next);
    }

    public void Dispose() => _webhooks.Dispose();

    private async Task<int> DeliverInOrderAsync(OutboxStore outbox, SysMedicConfig config, string target, List<OutboxMessage> queue, CancellationToken cancellationToken)
    {
        int delivered = 0;
        for (int i = 0; i < queue.Count; i++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            OutboxMessage message = queue[i];
            var (error, targetWide) = await TrySendAsync(message, config, cancellationToken).ConfigureAwait(false);
            if (error is null)
            {
                outbox.MarkDelivered(message.Id);
                delivered++;
                Recovered(target);
                continue;
            }

            if (!targetWide)
            {
                Failed(target, message, outbox.MarkFailed(message.Id, error), error);
                continue;
            }

            // Nothing for this target can go through now: all of its messages wait for one retry, in their order. It
            // comes within a minute, so a backlog goes out at most a minute after its server is back (a refused
            // connection costs the server nothing; a new alert tries at once anyway).
            int failures = _failures[target] = _failures.GetValueOrDefault(target) + 1;
            TimeSpan wait = OutboxStore.RetryDelay(failures);
            DateTimeOffset retry = _time.GetUtcNow() + (wait < UnreachableRetryMax ? wait : UnreachableRetryMax);
            foreach (OutboxMessage held in queue.Skip(i))
            {
                Failed(target, held, outbox.MarkFailed(held.Id, error, retry), error);
            }

            break;
        }

        return delivered;
    }

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

                    await _mail.SendAsync(config.Email, EmailPayload.Parse(message.Payload), message, cancellationToken).ConfigureAwait(false);
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
            // A bug or an unforeseen library error must not stop the other deliveries.
            return ($"{ex.GetType().Name}: {ex.Message}", false);
        }
    }

    // Each webhook URL is a target of its own; logs name it with its path hidden (it may hold a token).
    private static string TargetOf(OutboxMessage message)
    {
        if (message.Channel != DeliveryChannels.Webhook)
        {
            return message.Channel;
        }

        try
        {
            return "webhook " + WebhookPayload.Parse(message.Payload).Url;
        }
        catch (DeliveryException)
        {
            return "webhook";
        }
    }

    private static string Shown(string target) =>
        target.StartsWith("webhook ", StringComparison.Ordinal) ? "webhook " + WebhookSender.Redact(target["webhook ".Length..]) : target;

    private void Failed(string target, OutboxMessage message, OutboxMessage? updated, string error)
    {
        if (updated?.GaveUpAt is not null)
        {
            _logger.LogError("delivery: gave up {Target} message {Id} after {Attempts} attempts since {Created:u}: {Error}",
                Shown(target), message.Id, updated.Attempts, message.CreatedAt, error);
        }

        if (_failing.TryAdd(target, error))
        {
            _logger.LogWarning("delivery: {Target} failed, retrying with back-off: {Error}", Shown(target), error);
        }
    }

    private void Recovered(string target)
    {
        _failures.Remove(target);
        if (_failing.Remove(target))
        {
            _logger.LogInformation("delivery: {Target} works again", Shown(target));
        }
    }
}

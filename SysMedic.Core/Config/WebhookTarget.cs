namespace SysMedic.Core.Config;

/// <summary>One entry of <c>alerts.webhooks</c>: a URL alerts are posted to, and the body format it expects.</summary>
public sealed record WebhookTarget(string Url, WebhookFormat Format = WebhookFormat.Json);

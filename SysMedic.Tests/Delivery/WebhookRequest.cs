namespace SysMedic.Tests.Delivery;

/// <summary>One request the test webhook listener received.</summary>
internal sealed record WebhookRequest(string Method, string Path, string? ContentType, string Body);

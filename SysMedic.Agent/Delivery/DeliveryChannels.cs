namespace SysMedic.Agent.Delivery;

/// <summary>The <c>channel</c> names of outbox messages.</summary>
public static class DeliveryChannels
{
    /// <summary>An alert mailed to <c>email.to_emails</c>.</summary>
    public const string Email = "email";

    /// <summary>An alert posted to one webhook URL.</summary>
    public const string Webhook = "webhook";
}

namespace SysMedic.Agent.Delivery;

/// <summary>What one pass over the outbox did: messages delivered, and when something is next due (null: nothing pending).</summary>
public sealed record DeliveryPass(int Delivered, DateTimeOffset? NextAttemptAt);

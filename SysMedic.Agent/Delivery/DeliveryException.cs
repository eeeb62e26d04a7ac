namespace SysMedic.Agent.Delivery;

/// <summary>A delivery attempt failed; the message says why in words an operator can act on.</summary>
public sealed class DeliveryException : Exception
{
    public DeliveryException()
    {
    }

    public DeliveryException(string message)
        : base(message)
    {
    }

    public DeliveryException(string message, Exception inner)
        : base(message, inner)
    {
    }

    public DeliveryException(string message, Exception inner, bool unreachable)
        : base(message, inner)
    {
        Unreachable = unreachable;
    }

    /// <summary>
    /// Whether the server could not be reached at all (refused connection, no answer): every message for the same
    /// target would fail the same way, unlike a message the server refused.
    /// </summary>
    public bool Unreachable { get; }
}

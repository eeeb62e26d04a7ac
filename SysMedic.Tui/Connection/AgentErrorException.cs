namespace SysMedic.Tui.Connection;

/// <summary>The agent answered a request with an error message; <see cref="Code"/> is the protocol's error code.</summary>
public sealed class AgentErrorException : Exception
{
    public AgentErrorException()
        : this("internal", "the agent refused the request")
    {
    }

    public AgentErrorException(string message)
        : this("internal", message)
    {
    }

    public AgentErrorException(string message, Exception innerException)
        : base(message, innerException)
    {
        Code = "internal";
    }

    public AgentErrorException(string code, string message)
        : base(message)
    {
        Code = code;
    }

    /// <summary>The protocol's error code: not_found, bad_request, unavailable...</summary>
    public string Code { get; } = "internal";
}

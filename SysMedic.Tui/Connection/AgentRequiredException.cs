namespace SysMedic.Tui.Connection;

/// <summary>A request only the agent can answer was made on a connection without one.</summary>
public sealed class AgentRequiredException : NotSupportedException
{
    /// <summary>The sentence screens show in place of what needs the agent.</summary>
    public const string Hint = "needs the agent (sysmedic daemon start)";

    public AgentRequiredException()
        : base(Hint)
    {
    }

    public AgentRequiredException(string what)
        : base($"{what} {Hint}")
    {
    }

    public AgentRequiredException(string message, Exception innerException)
        : base(message, innerException)
    {
    }
}

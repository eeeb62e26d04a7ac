namespace SysMedic.Agent.Protocol;

/// <summary>A peer broke the framing of the protocol (a line over the limit); the connection is closed.</summary>
public sealed class ProtocolViolationException(string message) : Exception(message);

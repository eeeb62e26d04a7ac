namespace SysMedic.Core.Protocol;

/// <summary>The signal was sent to <see cref="Pid"/> (its command name <see cref="Name"/> when known).</summary>
public sealed record SignalResult(string Id, int Pid, string Signal, string Name) : ResultMessage(Id);

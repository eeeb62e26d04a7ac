namespace SysMedic.Core.Protocol;

/// <summary>Process <see cref="Pid"/> (command name <see cref="Name"/>) now has nice value <see cref="Nice"/>.</summary>
public sealed record ReniceResult(string Id, int Pid, int Nice, string Name) : ResultMessage(Id);

namespace SysMedic.Core.Protocol;

/// <summary>
/// Set process <see cref="Pid"/>'s nice value to <see cref="Nice"/> (-20..19), with the rights of whoever asks.
/// <see cref="Remote"/> as in <see cref="SignalRequest"/>.
/// </summary>
public sealed record ReniceRequest(string Id, int Pid, int Nice, string? Remote = null) : RequestMessage(Id);

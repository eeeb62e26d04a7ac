namespace SysMedic.Core.Protocol;

/// <summary>
/// Send <see cref="Signal"/> (a name of <see cref="ProcessSignals"/>: <c>TERM</c>, <c>KILL</c>...) to process
/// <see cref="Pid"/>, with the rights of whoever asks (docs/protocol.md). <see cref="Remote"/> is set by the relay to
/// the remote console's address; the doctor logs it and refuses unless <c>websocket.allow_actions</c> is true.
/// </summary>
public sealed record SignalRequest(string Id, int Pid, string Signal, string? Remote = null) : RequestMessage(Id);

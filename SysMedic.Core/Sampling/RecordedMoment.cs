namespace SysMedic.Core.Sampling;

/// <summary>
/// A past check as recorded: <see cref="Snapshot"/> holds the window's system figures, users and the processes
/// recorded then (their figures over the window; state <c>X</c>: ended in it), stamped at the check's end.
/// </summary>
public sealed record RecordedMoment(DateTimeOffset At, TimeSpan Window, int ProcessCount, Snapshot Snapshot);

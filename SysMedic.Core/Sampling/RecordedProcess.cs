namespace SysMedic.Core.Sampling;

/// <summary>
/// A process as a check records it: its use over the check window (CPU% of the machine from its counters, average
/// memory%; RSS, threads and state as last seen, state <see cref="EndedState"/> when it ended in the window) and when
/// it started.
/// </summary>
public sealed record RecordedProcess(ProcessUsage Process, DateTimeOffset StartedAt)
{
    /// <summary>The state of a process that ended during the window.</summary>
    public const char EndedState = 'X';
}

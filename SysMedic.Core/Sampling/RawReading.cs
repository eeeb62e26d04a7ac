namespace SysMedic.Core.Sampling;

/// <summary>
/// One reading of the host: system counters and every process, sorted by pid. <see cref="Timestamp"/> is a
/// monotonic <see cref="TimeProvider.GetTimestamp"/> value; rates come from two readings and the time between them.
/// </summary>
public sealed class RawReading(SystemSample system, ProcessSample[] processes, int processCount, long timestamp, DateTimeOffset wallTime)
{
    /// <summary>System-wide counters.</summary>
    public SystemSample System { get; } = system;

    /// <summary>Every process read, ascending by pid.</summary>
    public ReadOnlySpan<ProcessSample> Processes => _processes.AsSpan(0, ProcessCount);

    /// <summary>How many processes were read.</summary>
    public int ProcessCount { get; } = processCount;

    /// <summary>Monotonic time of the reading (<see cref="TimeProvider.GetTimestamp"/>).</summary>
    public long Timestamp { get; } = timestamp;

    /// <summary>Wall-clock time of the reading, UTC.</summary>
    public DateTimeOffset WallTime { get; } = wallTime;

    internal ProcessSample[] Buffer => _processes;

    private readonly ProcessSample[] _processes = processes;
}

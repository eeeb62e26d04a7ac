namespace SysMedic.Core.Storage;

/// <summary>
/// One check's system figures: average and peak over the check window (percent of the whole machine), disk use
/// (percent), network rates (bytes per second) and load averages. Stored to 0.01 % and one-second resolution. The
/// window's length, CPU capacity and stall times are in seconds, stored to the millisecond.
/// </summary>
public sealed record SystemMetricsRow(
    DateTimeOffset Timestamp,
    double CpuAvgPercent,
    double CpuPeakPercent,
    double MemoryAvgPercent,
    double MemoryPeakPercent,
    double DiskPercent,
    long NetworkRxBytesPerSec,
    long NetworkTxBytesPerSec,
    double LoadAvg1,
    double LoadAvg5,
    double LoadAvg15)
{
    /// <summary>The time the check's window covers, in seconds.</summary>
    public double WindowSeconds { get; init; }

    /// <summary>CPU core-seconds the machine had in the window (window x CPUs).</summary>
    public double CpuCapacitySeconds { get; init; }

    /// <summary>Processes started (forks) in the window.</summary>
    public long ProcessesStarted { get; init; }

    /// <summary>The part of the window the pressure files could be read, in seconds (zero without them).</summary>
    public double PressureSeconds { get; init; }

    /// <summary>Seconds some task waited for CPU.</summary>
    public double CpuSomeStallSeconds { get; init; }

    /// <summary>Seconds all non-idle tasks waited for CPU at once.</summary>
    public double CpuFullStallSeconds { get; init; }

    /// <summary>Seconds some task stalled on memory.</summary>
    public double MemorySomeStallSeconds { get; init; }

    /// <summary>Seconds all non-idle tasks stalled on memory at once.</summary>
    public double MemoryFullStallSeconds { get; init; }

    /// <summary>Seconds some task waited for I/O.</summary>
    public double IoSomeStallSeconds { get; init; }

    /// <summary>Seconds all non-idle tasks waited for I/O at once.</summary>
    public double IoFullStallSeconds { get; init; }
}

namespace SysMedic.Tui.Connection;

/// <summary>The system figures at one instant of the history, in percent, bytes per second and load.</summary>
public readonly record struct SystemPoint(
    DateTimeOffset Timestamp,
    double CpuPercent,
    double MemoryPercent,
    double DiskPercent,
    double NetworkRxBytesPerSec,
    double NetworkTxBytesPerSec,
    double LoadAvg1)
{
    /// <summary>The highest CPU share in the time this point stands for (a bucket of checks); null when it is one reading.</summary>
    public double? CpuPeakPercent { get; init; }

    /// <summary>The highest memory share in the time this point stands for; null when it is one reading.</summary>
    public double? MemoryPeakPercent { get; init; }
}

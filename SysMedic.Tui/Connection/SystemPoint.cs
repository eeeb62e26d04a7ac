namespace SysMedic.Tui.Connection;

/// <summary>The system figures at one instant of the history, in percent, bytes per second and load.</summary>
public readonly record struct SystemPoint(
    DateTimeOffset Timestamp,
    double CpuPercent,
    double MemoryPercent,
    double DiskPercent,
    double NetworkRxBytesPerSec,
    double NetworkTxBytesPerSec,
    double LoadAvg1);

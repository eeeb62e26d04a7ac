namespace SysMedic.Tui.Connection;

/// <summary>One user's CPU and memory at one instant of the history, in percent of the machine.</summary>
public readonly record struct UserPoint(DateTimeOffset Timestamp, double CpuPercent, double MemoryPercent);

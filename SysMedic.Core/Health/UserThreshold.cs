namespace SysMedic.Core.Health;

/// <summary>A user's CPU and memory thresholds, in percent of the machine.</summary>
public readonly record struct UserThreshold(double CpuPercent, double MemoryPercent);

namespace SysMedic.Core.Storage;

/// <summary>
/// The machine over a range, from the stored checks: how many, the time they cover and the CPU core-seconds it had
/// in that time, the processes started, and the pressure stall seconds out of <see cref="PressureSeconds"/> (the
/// time the pressure files could be read).
/// </summary>
public sealed record SystemUsageSummary(
    int Checks,
    double Seconds,
    double CpuCapacitySeconds,
    long ProcessesStarted,
    double PressureSeconds,
    double CpuSomeStallSeconds,
    double CpuFullStallSeconds,
    double MemorySomeStallSeconds,
    double MemoryFullStallSeconds,
    double IoSomeStallSeconds,
    double IoFullStallSeconds);

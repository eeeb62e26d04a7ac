namespace SysMedic.Core.Sampling;

/// <summary>
/// Stall time over a check window, in seconds, for each resource and kind, out of <see cref="Seconds"/> (the part of
/// the window the pressure files could be read). A share is stall seconds over <see cref="Seconds"/>.
/// </summary>
public sealed record PressureWindow(
    double Seconds,
    double CpuSomeSeconds,
    double CpuFullSeconds,
    double MemorySomeSeconds,
    double MemoryFullSeconds,
    double IoSomeSeconds,
    double IoFullSeconds);

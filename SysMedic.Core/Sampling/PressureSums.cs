namespace SysMedic.Core.Sampling;

/// <summary>Sums the stall seconds of the snapshots of a check window.</summary>
internal sealed class PressureSums
{
    private double _seconds, _cpuSome, _cpuFull, _memorySome, _memoryFull, _ioSome, _ioFull;

    /// <summary>Adds one snapshot's pressure over its interval of <paramref name="seconds"/>.</summary>
    public void Add(ResourcePressure pressure, double seconds)
    {
        _seconds += seconds;
        _cpuSome += pressure.Cpu?.SomeStalledSeconds(seconds) ?? 0;
        _cpuFull += pressure.Cpu?.FullStalledSeconds(seconds) ?? 0;
        _memorySome += pressure.Memory?.SomeStalledSeconds(seconds) ?? 0;
        _memoryFull += pressure.Memory?.FullStalledSeconds(seconds) ?? 0;
        _ioSome += pressure.Io?.SomeStalledSeconds(seconds) ?? 0;
        _ioFull += pressure.Io?.FullStalledSeconds(seconds) ?? 0;
    }

    public PressureWindow ToWindow() => new(_seconds, _cpuSome, _cpuFull, _memorySome, _memoryFull, _ioSome, _ioFull);
}

namespace SysMedic.Core.Sampling;

/// <summary>
/// One user's usage since the sampler started, counted exactly as <see cref="UserUsage.CpuSeconds"/> is: CPU
/// core-seconds and disk bytes. Only ever grows (a counter, for Prometheus).
/// </summary>
public sealed record UserTotal(string Username, uint Uid, double CpuSeconds, long DiskReadBytes, long DiskWriteBytes);

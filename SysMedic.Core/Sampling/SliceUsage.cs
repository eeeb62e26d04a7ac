using SysMedic.Core.ProcFs;

namespace SysMedic.Core.Sampling;

/// <summary>
/// One systemd user slice over an interval: the CPU core-seconds its <c>cpu.stat</c> gained (exact: the kernel
/// charges every task of the slice as it runs, however short-lived) and its pressure.
/// </summary>
internal readonly record struct SliceUsage(uint Uid, double CpuSeconds, ResourcePressure? Pressure)
{
    /// <summary>
    /// The slices of <paramref name="current"/> over the interval since <paramref name="previous"/>; none on a first
    /// reading. A slice missing from the previous reading was made in the interval (its user logged in), and one
    /// whose counter went backwards was made again: all their time is in the interval, unless that is more than the
    /// machine had in it (the previous read failed, it is not new): then it counts zero.
    /// </summary>
    public static IReadOnlyList<SliceUsage> Between(SystemSample? previous, SystemSample current, double seconds)
    {
        double capacity = seconds * current.Stat.CpuCount;
        if (previous is null || current.UserSlices is not { Count: > 0 } now)
        {
            return [];
        }

        var result = new SliceUsage[now.Count];
        for (int i = 0; i < now.Count; i++)
        {
            UserSliceSample s = now[i];
            UserSliceSample? b = Find(previous.UserSlices, s.Uid);
            ulong usage = s.Cpu.UsageMicroseconds;
            double cpu = b is { } e && e.Cpu.UsageMicroseconds <= usage ? (usage - e.Cpu.UsageMicroseconds) / 1e6 : usage / 1e6;
            if (b is null || b.Value.Cpu.UsageMicroseconds > usage)
            {
                cpu = cpu <= capacity ? cpu : 0;
            }

            result[i] = new SliceUsage(s.Uid, cpu, ResourcePressure.Of(
                PressureUsage.From(b?.CpuPressure, s.CpuPressure, seconds),
                PressureUsage.From(b?.MemoryPressure, s.MemoryPressure, seconds),
                PressureUsage.From(b?.IoPressure, s.IoPressure, seconds)));
        }

        return result;
    }

    private static UserSliceSample? Find(IReadOnlyList<UserSliceSample>? slices, uint uid)
    {
        if (slices is null)
        {
            return null;
        }

        foreach (UserSliceSample s in slices)
        {
            if (s.Uid == uid)
            {
                return s;
            }
        }

        return null;
    }
}

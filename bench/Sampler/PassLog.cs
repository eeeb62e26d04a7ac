namespace SysMedic.Bench.Sampler;

/// <summary>
/// Timed passes of one reader at one population: wall and thread CPU microseconds, bytes allocated, processes seen.
/// </summary>
internal sealed class PassLog
{
    public List<double> Micros { get; } = [];

    public List<double> CpuMicros { get; } = [];

    public List<double> Bytes { get; } = [];

    /// <summary>User time of all the passes together, in microseconds.</summary>
    public double UserMicros { get; set; }

    /// <summary>Kernel time of all the passes together, in microseconds.</summary>
    public double KernelMicros { get; set; }

    /// <summary>The kernel's share of the CPU time, 0..1.</summary>
    public double KernelShare => KernelMicros / (UserMicros + KernelMicros);

    public List<double> Seen { get; } = [];

    public double MedianMicros => Median(Micros);

    public double MinMicros => Micros.Count == 0 ? double.NaN : Micros.Min();

    public double MedianCpuMicros => Median(CpuMicros);

    public double MinCpuMicros => CpuMicros.Count == 0 ? double.NaN : CpuMicros.Min();

    public double MedianBytes => Median(Bytes);

    public double MedianSeen => Median(Seen);

    public void Add(double micros, double cpuMicros, double bytes, double seen)
    {
        Micros.Add(micros);
        CpuMicros.Add(cpuMicros);
        Bytes.Add(bytes);
        Seen.Add(seen);
    }

    public static double Median(List<double> values)
    {
        if (values.Count == 0)
        {
            return double.NaN;
        }

        double[] sorted = [.. values];
        Array.Sort(sorted);
        int mid = sorted.Length / 2;
        return sorted.Length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

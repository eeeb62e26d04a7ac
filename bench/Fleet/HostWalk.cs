namespace SysMedic.Bench.Fleet;

/// <summary>
/// One host's figures over time: CPU, memory and load walk around a level of their own (a mean-reverting random
/// walk seeded per host, so every run sends the same sequence), and each user's share of the CPU drifts. A Heavy
/// host stays near 90% CPU; the others sit anywhere from idle to busy and now and then cross into Medium.
/// </summary>
public sealed class HostWalk
{
    private readonly Random _random;
    private readonly double _cpuLevel;
    private readonly double _memoryLevel;
    private readonly double _noise;

    /// <summary>A walk from <paramref name="seed"/>; <paramref name="users"/> share the CPU.</summary>
    public HostWalk(int seed, bool heavy, int users)
    {
        _random = new Random(seed);
        _cpuLevel = heavy ? 88 : 3 + (_random.NextDouble() * 52);
        _memoryLevel = heavy ? 72 : 15 + (_random.NextDouble() * 55);
        _noise = heavy ? 3 : 4;
        CpuPercent = _cpuLevel;
        MemoryPercent = _memoryLevel;
        UserShares = new double[users];
        UserMemoryShares = new double[users];
        for (int i = 0; i < users; i++)
        {
            // The first user is the busiest; the rest share what is left, roughly halving each time.
            UserShares[i] = Math.Pow(0.5, i) * (0.7 + (0.6 * _random.NextDouble()));
            UserMemoryShares[i] = Math.Pow(0.6, i) * (0.7 + (0.6 * _random.NextDouble()));
        }

        if (heavy)
        {
            // A Heavy host's persistent user is its busiest by far, over the user threshold.
            UserShares[0] *= 4;
        }

        Load1 = Load5 = Load15 = _cpuLevel / 100 * 8;
        Normalize(UserShares);
        Normalize(UserMemoryShares);
    }

    /// <summary>CPU of the whole host, percent of all cores.</summary>
    public double CpuPercent { get; private set; }

    /// <summary>Memory in use, percent of RAM.</summary>
    public double MemoryPercent { get; private set; }

    /// <summary>1-minute load average.</summary>
    public double Load1 { get; private set; }

    /// <summary>5-minute load average.</summary>
    public double Load5 { get; private set; }

    /// <summary>15-minute load average.</summary>
    public double Load15 { get; private set; }

    /// <summary>Each user's share of <see cref="CpuPercent"/> (they add up to 0.9: the rest is the system's).</summary>
    public double[] UserShares { get; }

    /// <summary>Each user's share of <see cref="MemoryPercent"/> (adding up to 0.9).</summary>
    public double[] UserMemoryShares { get; }

    /// <summary>Steps: how many have been taken.</summary>
    public long Steps { get; private set; }

    /// <summary>One interval later, on a host with <paramref name="cpuCount"/> cores.</summary>
    public void Step(int cpuCount)
    {
        CpuPercent = Math.Clamp(CpuPercent + (0.25 * (_cpuLevel - CpuPercent)) + (_noise * Gaussian()), 0.5, 99.5);
        MemoryPercent = Math.Clamp(MemoryPercent + (0.1 * (_memoryLevel - MemoryPercent)) + (0.8 * Gaussian()), 2, 99);
        double running = CpuPercent / 100 * cpuCount;
        Load1 += (running - Load1) * 0.08;
        Load5 += (running - Load5) * 0.017;
        Load15 += (running - Load15) * 0.006;
        for (int i = 0; i < UserShares.Length; i++)
        {
            UserShares[i] = Math.Max(0.001, UserShares[i] * (1 + (0.08 * Gaussian())));
        }

        Normalize(UserShares);
        Steps++;
    }

    /// <summary>A value from the host's own sequence in [0, 1): for figures that need no walk of their own.</summary>
    public double Uniform() => _random.NextDouble();

    private double Gaussian()
    {
        // Box-Muller: two uniform draws give one normal one.
        double u = 1 - _random.NextDouble();
        double v = _random.NextDouble();
        return Math.Sqrt(-2 * Math.Log(u)) * Math.Cos(2 * Math.PI * v);
    }

    private static void Normalize(double[] shares)
    {
        double sum = shares.Sum();
        for (int i = 0; i < shares.Length; i++)
        {
            shares[i] = shares[i] / sum * 0.9;
        }
    }
}

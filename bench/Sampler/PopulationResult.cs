namespace SysMedic.Bench.Sampler;

/// <summary>Everything measured at one population: the machine's own processes plus <paramref name="extra"/>.</summary>
internal sealed class PopulationResult(int extra)
{
    /// <summary>Sleeping processes the benchmark added.</summary>
    public int Extra { get; } = extra;

    /// <summary>"own", "own + 2,000"...</summary>
    public string Label => Extra == 0 ? "own" : $"own + {Extra:N0}";

    public PassLog StatStatus { get; } = new();

    public PassLog StatFstat { get; } = new();

    public PassLog Sampler { get; } = new();

    /// <summary>The sampler's first pass after the extra processes started: it reads status and cmdline of each.</summary>
    public PassLog FirstPass { get; } = new();

    public PassLog SystemFiles { get; set; } = new();

    public PassLog Scan { get; set; } = new();

    public PassLog Build { get; set; } = new();

    /// <summary>/proc/[pid]/io reads per timed sampler pass (one per process that used CPU since the pass before).</summary>
    public double IoReadsPerPass { get; set; }

    /// <summary>Median sampler pass over median stat+fstat pass, in thread CPU time.</summary>
    public double RatioToStatFstat => Sampler.MedianCpuMicros / StatFstat.MedianCpuMicros;

    /// <summary>The same ratio in wall time, which on a busy machine also measures waiting for a core.</summary>
    public double WallRatioToStatFstat => Sampler.MedianMicros / StatFstat.MedianMicros;

    /// <summary>Median sampler pass over median stat+status pass, in thread CPU time.</summary>
    public double RatioToStatStatus => Sampler.MedianCpuMicros / StatStatus.MedianCpuMicros;

    /// <summary>Median bytes allocated per pass, divided by the processes seen.</summary>
    public double BytesPerProcess => Sampler.MedianBytes / Sampler.MedianSeen;
}

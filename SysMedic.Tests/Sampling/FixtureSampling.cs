using SysMedic.Core.Sampling;

namespace SysMedic.Tests.Sampling;

/// <summary>Readings of the fixture trees t0 and t1, taken one second apart.</summary>
internal static class FixtureSampling
{
    public static SamplerOptions Options(string tree, UserFilter? filter = null) => new()
    {
        ProcRoot = FixturePaths.Proc(tree),
        PasswdPath = FixturePaths.Passwd,
        DiskPath = Path.GetTempPath(),
        ClockTicksPerSecond = 100,
        PageSize = 4096,
        Hostname = "fixture",
        Filter = filter ?? UserFilter.None,
    };

    public static RawReading Read(string tree)
    {
        using var sampler = new Sampler(Options(tree));
        return sampler.Read();
    }

    public static Snapshot Snapshot(UserFilter? filter = null) =>
        SnapshotBuilder.Build(Read("t0"), Read("t1"), TimeSpan.FromSeconds(1), Options("t1", filter));
}

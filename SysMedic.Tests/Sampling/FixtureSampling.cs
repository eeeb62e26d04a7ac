using SysMedic.Core.Sampling;

namespace SysMedic.Tests.Sampling;

/// <summary>
/// Readings of the fixture trees t0 and t1, taken one second apart. By default without their /sys trees (users' CPU
/// from processes only); <c>withSys</c> reads them too (user 1000's slice).
/// </summary>
internal static class FixtureSampling
{
    public static SamplerOptions Options(string tree, UserFilter? filter = null, bool withSys = false) => new()
    {
        ProcRoot = FixturePaths.Proc(tree),
        SysRoot = withSys ? FixturePaths.Sys(tree) : FixturePaths.NoSys,
        PasswdPath = FixturePaths.Passwd,
        DiskPath = Path.GetTempPath(),
        ClockTicksPerSecond = 100,
        PageSize = 4096,
        Hostname = "fixture",
        Filter = filter ?? UserFilter.None,
    };

    public static RawReading Read(string tree, bool withSys = false)
    {
        using var sampler = new Sampler(Options(tree, withSys: withSys));
        return sampler.Read();
    }

    public static Snapshot Snapshot(UserFilter? filter = null, bool withSys = false) =>
        SnapshotBuilder.Build(Read("t0", withSys), Read("t1", withSys), TimeSpan.FromSeconds(1), Options("t1", filter, withSys));
}

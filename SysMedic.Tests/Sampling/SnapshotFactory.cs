using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Tests.Sampling;

/// <summary>Builds small snapshots by hand for tests of what consumes them.</summary>
internal static class SnapshotFactory
{
    public static readonly DateTimeOffset T0 = new(2026, 11, 26, 8, 0, 0, TimeSpan.Zero);

    public static ProcessUsage Process(int pid, uint uid, string user, double cpu, double memory = 0, string name = "work") =>
        new(pid, 1, uid, user, name, 'R', cpu, memory, (long)(memory * 1_000_000), 1, name);

    public static Snapshot Make(DateTimeOffset time, double systemCpu, double systemMemory, params ProcessUsage[] processes)
    {
        var system = new SystemUsage(systemCpu, systemMemory, 0, 100_000_000, 10, 100, 50, 1, 1, 1, 1000, 4);
        IReadOnlyList<UserUsage> users = UserAggregator.Aggregate(processes, UserFilter.None);
        return new Snapshot(time, "test", SystemStatus.Light, system, users, processes) { Interval = TimeSpan.FromSeconds(2) };
    }
}

using SysMedic.Core.Storage;

namespace SysMedic.Tests.Storage;

/// <summary>Builders for check rows with values tests can predict.</summary>
internal static class Checks
{
    public static SystemMetricsRow System(DateTimeOffset at, double cpuAvg = 10, double cpuPeak = 20) =>
        new(at, cpuAvg, cpuPeak, 30, 40, 50, 1000, 2000, 0.5, 0.25, 0.125);

    public static UserMetricsRow User(string name, double cpuAvg = 1, double cpuPeak = 2, double memoryAvg = 3, params int[] pids) =>
        new(name, cpuAvg, cpuPeak, memoryAvg, memoryAvg + 1, 1_000_000, pids.Length, pids);

    /// <summary>One check a minute from <paramref name="start"/> for <paramref name="minutes"/> minutes, with the given users.</summary>
    public static void WriteMinutes(SysMedicDatabase db, DateTimeOffset start, int minutes, params string[] users)
    {
        for (int i = 0; i < minutes; i++)
        {
            db.Metrics.WriteCheck(System(start.AddMinutes(i), cpuAvg: i), users.Select(u => User(u, cpuAvg: i)).ToList());
        }
    }
}

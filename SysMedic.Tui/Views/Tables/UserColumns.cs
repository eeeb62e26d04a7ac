using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Tui.Views.Tables;

/// <summary>The columns user tables use; thresholds come from the connection.</summary>
public static class UserColumns
{
    /// <summary>Index of CPU% in both column sets, the default sort.</summary>
    public const int Cpu = 1;

    /// <summary>USER, CPU%, MEM%, RSS, PROCS: the dashboard's users table.</summary>
    public static IReadOnlyList<TableColumn<UserUsage>> Compact { get; } =
    [
        UserName(),
        CpuColumn(),
        MemoryColumn(),
        new("RSS", u => Units.Bytes(u.RssBytes), (a, b) => a.RssBytes.CompareTo(b.RssBytes), AlignRight: true),
        new("PROCS", u => u.ProcessCount.ToString(CultureInfo.InvariantCulture), (a, b) => a.ProcessCount.CompareTo(b.ProcessCount), AlignRight: true),
        new("DISK/s", u => Rate(Sum(u.DiskReadBytesPerSec, u.DiskWriteBytesPerSec)), (a, b) => Nullable.Compare(Sum(a.DiskReadBytesPerSec, a.DiskWriteBytesPerSec), Sum(b.DiskReadBytesPerSec, b.DiskWriteBytesPerSec)), AlignRight: true),
    ];

    /// <summary>
    /// The compact set, then UID, THRESHOLD, PERSISTENT SINCE, disk read and write rates, the user slice's pressure
    /// (cpu/memory/io "some" share over the interval) and where the CPU figure comes from (<c>slice</c>: the user's
    /// cgroup, exact; <c>procs</c>: the sum of their processes): the Users screen.
    /// </summary>
    public static IReadOnlyList<TableColumn<UserUsage>> Full(Func<Thresholds> thresholds, Func<UserUsage, string> persistentSince)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return
        [
            .. Compact,
            new("UID", u => u.Uid.ToString(CultureInfo.InvariantCulture), (a, b) => a.Uid.CompareTo(b.Uid), AlignRight: true),
            new("THRESHOLD", u => ThresholdText(thresholds(), u.Username), (a, b) => thresholds().For(a.Username).CpuPercent.CompareTo(thresholds().For(b.Username).CpuPercent)),
            new("PERSISTENT SINCE", persistentSince, (a, b) => string.CompareOrdinal(persistentSince(a), persistentSince(b))),
            new("READ/s", u => Rate(u.DiskReadBytesPerSec), (a, b) => Nullable.Compare(a.DiskReadBytesPerSec, b.DiskReadBytesPerSec), AlignRight: true),
            new("WRITE/s", u => Rate(u.DiskWriteBytesPerSec), (a, b) => Nullable.Compare(a.DiskWriteBytesPerSec, b.DiskWriteBytesPerSec), AlignRight: true),
            new("PSI c/m/i", u => StallText(u.Pressure), (a, b) => StallSum(a.Pressure).CompareTo(StallSum(b.Pressure)), AlignRight: true),
            new("CPU BY", u => u.CpuFromSlice ? "slice" : "procs", (a, b) => a.CpuFromSlice.CompareTo(b.CpuFromSlice)),
        ];
    }

    /// <summary>"2/0/1": the share of the interval some task of the slice waited for CPU, memory and I/O; "-" without pressure files.</summary>
    public static string StallText(ResourcePressure? pressure)
    {
        if (pressure is null)
        {
            return "-";
        }

        static string One(PressureUsage? p) => p is null ? "-" : p.SomePercent.ToString("0", CultureInfo.InvariantCulture);
        return $"{One(pressure.Cpu)}/{One(pressure.Memory)}/{One(pressure.Io)}";
    }

    private static double StallSum(ResourcePressure? p) =>
        p is null ? -1 : (p.Cpu?.SomePercent ?? 0) + (p.Memory?.SomePercent ?? 0) + (p.Io?.SomePercent ?? 0);

    private static double? Sum(double? a, double? b) => a is null && b is null ? null : (a ?? 0) + (b ?? 0);

    /// <summary>A byte rate, or "-" where it is unknown (another user's /proc/PID/io needs root; not read yet).</summary>
    internal static string Rate(double? bytesPerSecond) => bytesPerSecond is { } r ? Units.Rate(r) : "-";

    /// <summary>What a row is called across refreshes.</summary>
    public static string Key(UserUsage u) => u.Username;

    /// <summary>"cpu 80% mem 80%", with a star for a custom threshold.</summary>
    public static string ThresholdText(Thresholds thresholds, string username)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        UserThreshold t = thresholds.For(username);
        string custom = thresholds.PerUser.ContainsKey(username) ? " *" : "";
        return string.Create(CultureInfo.InvariantCulture, $"cpu {t.CpuPercent:0}% mem {t.MemoryPercent:0}%{custom}");
    }

    private static TableColumn<UserUsage> UserName() =>
        new("USER", u => SafeText.ForTerminal(u.Username), (a, b) => string.CompareOrdinal(a.Username, b.Username), MaxWidth: 16);

    private static TableColumn<UserUsage> CpuColumn() =>
        new("CPU%", u => Units.Number(u.CpuPercent, 1), (a, b) => a.CpuPercent.CompareTo(b.CpuPercent), AlignRight: true);

    private static TableColumn<UserUsage> MemoryColumn() =>
        new("MEM%", u => Units.Number(u.MemoryPercent, 1), (a, b) => a.MemoryPercent.CompareTo(b.MemoryPercent), AlignRight: true);
}

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
    ];

    /// <summary>USER, CPU%, MEM%, RSS, PROCS, UID, THRESHOLD, PERSISTENT SINCE: the Users screen.</summary>
    public static IReadOnlyList<TableColumn<UserUsage>> Full(Func<Thresholds> thresholds, Func<UserUsage, string> persistentSince)
    {
        ArgumentNullException.ThrowIfNull(thresholds);
        return
        [
            .. Compact,
            new("UID", u => u.Uid.ToString(CultureInfo.InvariantCulture), (a, b) => a.Uid.CompareTo(b.Uid), AlignRight: true),
            new("THRESHOLD", u => ThresholdText(thresholds(), u.Username), (a, b) => thresholds().For(a.Username).CpuPercent.CompareTo(thresholds().For(b.Username).CpuPercent)),
            new("PERSISTENT SINCE", persistentSince, (a, b) => string.CompareOrdinal(persistentSince(a), persistentSince(b))),
        ];
    }

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

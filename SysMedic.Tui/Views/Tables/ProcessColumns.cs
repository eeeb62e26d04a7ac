using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Core.Sampling;

namespace SysMedic.Tui.Views.Tables;

/// <summary>The columns process tables use. Every text that comes from a process goes through <see cref="SafeText"/>.</summary>
public static class ProcessColumns
{
    /// <summary>Index of CPU% in <see cref="Full"/>, the default sort.</summary>
    public const int FullCpu = 4;

    /// <summary>Index of CPU% in <see cref="Compact"/>.</summary>
    public const int CompactCpu = 2;

    private static readonly TableColumn<ProcessUsage> Pid = new("PID", p => p.Pid.ToString(CultureInfo.InvariantCulture), (a, b) => a.Pid.CompareTo(b.Pid), AlignRight: true);
    private static readonly TableColumn<ProcessUsage> User = new("USER", p => SafeText.ForTerminal(p.User), (a, b) => string.CompareOrdinal(a.User, b.User), MaxWidth: 12);
    private static readonly TableColumn<ProcessUsage> Name = new("NAME", p => ProcessText.Name(p.Name), (a, b) => string.CompareOrdinal(a.Name, b.Name), MaxWidth: 16);
    private static readonly TableColumn<ProcessUsage> State = new("S", p => SafeText.ForTerminal(p.State.ToString()), (a, b) => a.State.CompareTo(b.State));
    private static readonly TableColumn<ProcessUsage> Cpu = new("CPU%", p => Units.Number(p.CpuPercent, 1), (a, b) => a.CpuPercent.CompareTo(b.CpuPercent), AlignRight: true);
    private static readonly TableColumn<ProcessUsage> Memory = new("MEM%", p => Units.Number(p.MemoryPercent, 1), (a, b) => a.MemoryPercent.CompareTo(b.MemoryPercent), AlignRight: true);
    private static readonly TableColumn<ProcessUsage> Rss = new("RSS", p => Units.Bytes(p.RssBytes), (a, b) => a.RssBytes.CompareTo(b.RssBytes), AlignRight: true);
    private static readonly TableColumn<ProcessUsage> Threads = new("THR", p => p.Threads.ToString(CultureInfo.InvariantCulture), (a, b) => a.Threads.CompareTo(b.Threads), AlignRight: true);
    private static readonly TableColumn<ProcessUsage> Command = CommandColumn(null);
    private static readonly TableColumn<ProcessUsage> NiceColumn = new("NI", p => p.Nice.ToString(CultureInfo.InvariantCulture), (a, b) => a.Nice.CompareTo(b.Nice), AlignRight: true);
    private static readonly TableColumn<ProcessUsage> Priority = new("PRI", p => p.Priority.ToString(CultureInfo.InvariantCulture), (a, b) => a.Priority.CompareTo(b.Priority), AlignRight: true);
    private static readonly TableColumn<ProcessUsage> Virtual = new("VIRT", p => Units.Bytes(p.VirtualBytes), (a, b) => a.VirtualBytes.CompareTo(b.VirtualBytes), AlignRight: true);
    private static readonly TableColumn<ProcessUsage> Read = new("READ/s", p => UserColumns.Rate(p.DiskReadBytesPerSec), (a, b) => Nullable.Compare(a.DiskReadBytesPerSec, b.DiskReadBytesPerSec), AlignRight: true);
    private static readonly TableColumn<ProcessUsage> Write = new("WRITE/s", p => UserColumns.Rate(p.DiskWriteBytesPerSec), (a, b) => Nullable.Compare(a.DiskWriteBytesPerSec, b.DiskWriteBytesPerSec), AlignRight: true);
    private static readonly TableColumn<ProcessUsage> CgroupColumn = new("CGROUP", p => CgroupText(p.Cgroup), (a, b) => string.CompareOrdinal(a.Cgroup, b.Cgroup), MaxWidth: 32);
    private static readonly TableColumn<ProcessUsage> Time = new("TIME+", p => Units.CpuTime(p.CpuTimeSeconds), (a, b) => a.CpuTimeSeconds.CompareTo(b.CpuTimeSeconds), AlignRight: true);

    /// <summary>PID, USER, NAME, S, CPU%, MEM%, RSS, THR, NI, COMMAND.</summary>
    public static IReadOnlyList<TableColumn<ProcessUsage>> Full { get; } = For(ProcessColumnChoice.None, null);

    /// <summary>
    /// The Processes screen's columns: <see cref="Full"/> with the optional ones chosen (PRI, VIRT, TIME+, READ/s and
    /// WRITE/s, CGROUP), and the
    /// tree's glyphs before each command when <paramref name="treePrefix"/> is given.
    /// </summary>
    public static IReadOnlyList<TableColumn<ProcessUsage>> For(ProcessColumnChoice optional, Func<ProcessUsage, string>? treePrefix)
    {
        var columns = new List<TableColumn<ProcessUsage>> { Pid, User, Name, State, Cpu, Memory, Rss };
        if (optional.HasFlag(ProcessColumnChoice.Virtual))
        {
            columns.Add(Virtual);
        }

        columns.Add(Threads);
        if (optional.HasFlag(ProcessColumnChoice.Priority))
        {
            columns.Add(Priority);
        }

        columns.Add(NiceColumn);
        if (optional.HasFlag(ProcessColumnChoice.CpuTime))
        {
            columns.Add(Time);
        }

        if (optional.HasFlag(ProcessColumnChoice.DiskIo))
        {
            columns.Add(Read);
            columns.Add(Write);
        }

        if (optional.HasFlag(ProcessColumnChoice.Cgroup))
        {
            columns.Add(CgroupColumn);
        }

        columns.Add(treePrefix is null ? Command : CommandColumn(treePrefix));
        return columns;
    }

    private static TableColumn<ProcessUsage> CommandColumn(Func<ProcessUsage, string>? treePrefix) =>
        new("COMMAND", p => (treePrefix?.Invoke(p) ?? "") + ProcessText.Command(p.Cmdline, p.Name), (a, b) => string.CompareOrdinal(CommandOf(a), CommandOf(b)));

    // The end of a cgroup path says most (the service, scope or slice): a long one keeps its end.
    private static string CgroupText(string? cgroup) => cgroup is null ? "-"
        : SafeText.ForTerminal(cgroup.Length <= 32 ? cgroup : string.Concat("…", cgroup.AsSpan(cgroup.Length - 31)));

    /// <summary>PID, USER, CPU%, MEM%, NAME: the dashboard's top processes.</summary>
    public static IReadOnlyList<TableColumn<ProcessUsage>> Compact { get; } = [Pid, User, Cpu, Memory, Name];

    /// <summary>Equal rows in pid order, as numbers (10 before 1000 before 11 would be text order).</summary>
    public static int ByPid(ProcessUsage a, ProcessUsage b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Pid.CompareTo(b.Pid);
    }

    /// <summary>What a row is called across refreshes.</summary>
    public static string Key(ProcessUsage p) => p.Pid.ToString(CultureInfo.InvariantCulture);

    /// <summary>The command line, or the name in brackets for kernel threads, as ps shows them.</summary>
    public static string CommandOf(ProcessUsage p) => p.Cmdline.Length > 0 ? p.Cmdline : "[" + p.Name + "]";

    /// <summary>True when <paramref name="text"/> occurs in the pid, user, name or command, ignoring case.</summary>
    public static bool Matches(ProcessUsage p, string text) =>
        text.Length == 0
        || p.Pid.ToString(CultureInfo.InvariantCulture).Contains(text, StringComparison.Ordinal)
        || p.User.Contains(text, StringComparison.OrdinalIgnoreCase)
        || p.Name.Contains(text, StringComparison.OrdinalIgnoreCase)
        || p.Cmdline.Contains(text, StringComparison.OrdinalIgnoreCase);
}

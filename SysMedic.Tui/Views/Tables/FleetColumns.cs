using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Core.Health;
using SysMedic.Tui.Connection;
using SysMedic.Tui.State;
using Color = Terminal.Gui.Drawing.Color;

namespace SysMedic.Tui.Views.Tables;

/// <summary>The fleet view's columns: one row per host, worst first by default.</summary>
public static class FleetColumns
{
    /// <summary>Index of STATUS, the default sort: worst first.</summary>
    public const int Status = 2;

    /// <summary>HOST, STATE, STATUS, CPU%, MEM%, LOAD, ALERTS, TOP USER, USER CPU%, UPDATED, PERSISTENT (last: it takes the room left).</summary>
    public static IReadOnlyList<TableColumn<FleetRow>> All(Func<DateTimeOffset> now)
    {
        ArgumentNullException.ThrowIfNull(now);
        return
        [
            new("HOST", r => SafeText.ForTerminal(r.Name), (a, b) => string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase), MaxWidth: 20),
            new("STATE", r => r.LinkText, (a, b) => a.Link.CompareTo(b.Link), MaxWidth: 28, Colour: r => r.Live ? null : LinkColour(r.Link)),
            // Ascending is worst first, so the default (ascending, as for text) puts the hosts to look at on top.
            new("STATUS", StatusText, (a, b) => b.Badness.CompareTo(a.Badness), Colour: r => r.Live && r.Summary is { } s ? StatusColour(s.Status) : null),
            new("CPU%", r => Figure(r, s => s.CpuPercent.ToString("0.0", CultureInfo.InvariantCulture)), (a, b) => Value(a, s => s.CpuPercent).CompareTo(Value(b, s => s.CpuPercent)), AlignRight: true),
            new("MEM%", r => Figure(r, s => s.MemoryPercent.ToString("0.0", CultureInfo.InvariantCulture)), (a, b) => Value(a, s => s.MemoryPercent).CompareTo(Value(b, s => s.MemoryPercent)), AlignRight: true),
            new("LOAD", r => Figure(r, s => s.LoadAvg1.ToString("0.00", CultureInfo.InvariantCulture)), (a, b) => Value(a, s => s.LoadAvg1).CompareTo(Value(b, s => s.LoadAvg1)), AlignRight: true),
            new("ALERTS", r => Figure(r, s => s.UnresolvedAlerts.ToString(CultureInfo.InvariantCulture)), (a, b) => (a.Summary?.UnresolvedAlerts ?? -1).CompareTo(b.Summary?.UnresolvedAlerts ?? -1), AlignRight: true, Colour: r => r.Summary?.UnresolvedAlerts > 0 ? Color.Yellow : null),
            new("TOP USER", r => r.Summary?.TopUser is { } u ? SafeText.ForTerminal(u) : "-", (a, b) => string.CompareOrdinal(a.Summary?.TopUser, b.Summary?.TopUser), MaxWidth: 16),
            new("USER CPU%", r => r.Summary?.TopUser is null ? "-" : Figure(r, s => s.TopUserCpuPercent.ToString("0.0", CultureInfo.InvariantCulture)), (a, b) => Value(a, s => s.TopUserCpuPercent).CompareTo(Value(b, s => s.TopUserCpuPercent)), AlignRight: true),
            new("UPDATED", r => Age(r, now()), (a, b) => Nullable.Compare(b.UpdatedAt, a.UpdatedAt), AlignRight: true),
            new("PERSISTENT", PersistentText, (a, b) => (a.Summary?.PersistentUsers.Count ?? 0).CompareTo(b.Summary?.PersistentUsers.Count ?? 0), Colour: r => r.Summary?.PersistentUsers.Count > 0 ? Color.BrightRed : null),
        ];
    }

    /// <summary>What a row is called across refreshes.</summary>
    public static string Key(FleetRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Name;
    }

    /// <summary>Equal rows by name.</summary>
    public static int ByName(FleetRow a, FleetRow b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return string.Compare(a.Name, b.Name, StringComparison.OrdinalIgnoreCase);
    }

    /// <summary>Whether <paramref name="row"/> matches the filter text: its name, address, state, status, top or persistent user.</summary>
    public static bool Matches(FleetRow row, string filter)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (string.IsNullOrEmpty(filter))
        {
            return true;
        }

        bool Has(string? text) => text?.Contains(filter, StringComparison.OrdinalIgnoreCase) == true;
        return Has(row.Name) || Has(row.Address) || Has(row.LinkText) || Has(StatusText(row)) || Has(row.Summary?.TopUser)
            || row.Summary?.PersistentUsers.Any(Has) == true;
    }

    /// <summary>The status of a live host; a host that cannot be seen shows the last status it had, in brackets.</summary>
    public static string StatusText(FleetRow row)
    {
        ArgumentNullException.ThrowIfNull(row);
        return row.Summary is not { } s ? "-" : row.Live ? s.Status.ToDisplay() : $"({s.Status.ToDisplay()})";
    }

    /// <summary>"2s", "1m 05s": how long since the newest summary; "-" before the first.</summary>
    public static string Age(FleetRow row, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(row);
        if (row.UpdatedAt is not { } at)
        {
            return "-";
        }

        TimeSpan age = now - at;
        return age < TimeSpan.FromMinutes(1)
            ? string.Create(CultureInfo.InvariantCulture, $"{Math.Max(0, (int)age.TotalSeconds)}s")
            : Units.Duration(age);
    }

    /// <summary>The text colour of a status: red for Heavy, yellow for Medium, green for Light.</summary>
    public static Color StatusColour(SystemStatus status) => status switch
    {
        SystemStatus.Heavy => Color.BrightRed,
        SystemStatus.Medium => Color.BrightYellow,
        _ => Color.BrightGreen,
    };

    private static Color? LinkColour(FleetLink link) => link switch
    {
        FleetLink.Connecting => null,
        FleetLink.Reconnecting or FleetLink.DoctorDown => Color.BrightYellow,
        _ => Color.BrightRed,
    };

    private static string PersistentText(FleetRow row) =>
        row.Summary?.PersistentUsers is not { Count: > 0 } users ? "-" : SafeText.ForTerminal(string.Join(",", users));

    // A figure of a host that cannot be seen is its last one, in brackets, so a stale number never passes for live.
    private static string Figure(FleetRow row, Func<Core.Protocol.SummaryMessage, string> text) =>
        row.Summary is not { } s ? "-" : row.Live ? text(s) : $"({text(s)})";

    private static double Value(FleetRow row, Func<Core.Protocol.SummaryMessage, double> value) =>
        row.Summary is { } s ? value(s) : -1;
}

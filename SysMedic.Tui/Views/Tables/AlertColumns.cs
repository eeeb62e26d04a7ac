using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Tui.Connection;
using Color = Terminal.Gui.Drawing.Color;

namespace SysMedic.Tui.Views.Tables;

/// <summary>The columns of the Alerts screen and the colour of each severity.</summary>
public static class AlertColumns
{
    /// <summary>Index of STATUS, the default sort: unresolved first, newest first.</summary>
    public const int Status = 0;

    /// <summary>Index of SEVERITY, the coloured column.</summary>
    public const int Severity = 2;

    /// <summary>STATUS, TIME, SEVERITY, TYPE, ID, MESSAGE.</summary>
    public static IReadOnlyList<TableColumn<AlertInfo>> All { get; } =
    [
        new("STATUS", a => a.IsResolved ? "resolved" : "OPEN", CompareOpenFirst),
        new("TIME (UTC)", a => a.Timestamp.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture), (a, b) => a.Timestamp.CompareTo(b.Timestamp), AlignRight: true),
        new("SEVERITY", a => a.Severity, (a, b) => Rank(a.Severity).CompareTo(Rank(b.Severity)), AlignRight: true, Colour: a => SeverityColor(a.Severity)),
        new("TYPE", a => a.Kind, (a, b) => string.CompareOrdinal(a.Kind, b.Kind), MaxWidth: 16),
        new("ID", a => a.Id.ToString(CultureInfo.InvariantCulture), (a, b) => a.Id.CompareTo(b.Id), AlignRight: true),
        new("MESSAGE", a => SafeText.ForTerminal(a.Message), (a, b) => string.CompareOrdinal(a.Message, b.Message)),
    ];

    /// <summary>What a row is called across refreshes.</summary>
    public static string Key(AlertInfo a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>low 0, medium 1, high 2, critical 3; anything else -1.</summary>
    public static int Rank(string severity) => severity switch
    {
        "low" => 0,
        "medium" => 1,
        "high" => 2,
        "critical" => 3,
        _ => -1,
    };

    /// <summary>The text colour of a severity: critical and high red, medium yellow, low as the row.</summary>
    public static Color? SeverityColor(string severity) => severity switch
    {
        "critical" => Color.BrightRed,
        "high" => Color.Red,
        "medium" => Color.Yellow,
        _ => null,
    };

    /// <summary>Equal rows in id order, as numbers.</summary>
    public static int ById(AlertInfo a, AlertInfo b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Id.CompareTo(b.Id);
    }

    // Ascending: open alerts before resolved ones, and within each the newest first.
    private static int CompareOpenFirst(AlertInfo a, AlertInfo b) =>
        a.IsResolved != b.IsResolved ? a.IsResolved.CompareTo(b.IsResolved) : b.Timestamp.CompareTo(a.Timestamp);
}

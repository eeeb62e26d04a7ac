using System.Globalization;
using SysMedic.Core.Alerts;
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
    public static IReadOnlyList<TableColumn<Alert>> All { get; } =
    [
        new("STATUS", a => a.IsResolved ? "resolved" : "OPEN", CompareOpenFirst),
        new("TIME (UTC)", a => a.Timestamp.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture), (a, b) => a.Timestamp.CompareTo(b.Timestamp), AlignRight: true),
        new("SEVERITY", a => a.Severity.ToKey(), (a, b) => a.Severity.CompareTo(b.Severity), AlignRight: true, Colour: a => SeverityColor(a.Severity)),
        new("TYPE", a => a.Type.ToKey(), (a, b) => string.CompareOrdinal(a.Type.ToKey(), b.Type.ToKey()), MaxWidth: 16),
        new("ID", a => a.Id > 0 ? a.Id.ToString(CultureInfo.InvariantCulture) : "-", (a, b) => a.Id.CompareTo(b.Id), AlignRight: true),
        new("MESSAGE", a => SafeText.ForTerminal(a.Message), (a, b) => string.CompareOrdinal(a.Message, b.Message)),
    ];

    /// <summary>What a row is called across refreshes.</summary>
    public static string Key(Alert a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Id.ToString(CultureInfo.InvariantCulture);
    }

    /// <summary>The text colour of a severity: critical and high red, medium yellow, low as the row.</summary>
    public static Color? SeverityColor(AlertSeverity severity) => severity switch
    {
        AlertSeverity.Critical => Color.BrightRed,
        AlertSeverity.High => Color.Red,
        AlertSeverity.Medium => Color.Yellow,
        _ => null,
    };

    /// <summary>Equal rows in id order, as numbers.</summary>
    public static int ById(Alert a, Alert b)
    {
        ArgumentNullException.ThrowIfNull(a);
        ArgumentNullException.ThrowIfNull(b);
        return a.Id.CompareTo(b.Id);
    }

    // Ascending: open alerts before resolved ones, and within each the newest first.
    private static int CompareOpenFirst(Alert a, Alert b) =>
        a.IsResolved != b.IsResolved ? a.IsResolved.CompareTo(b.IsResolved) : b.Timestamp.CompareTo(a.Timestamp);
}

using System.Globalization;
using SysMedic.Core.Alerts;
using SysMedic.Core.Formatting;
using SysMedic.Tui.Connection;

namespace SysMedic.Tui.Views.Tables;

/// <summary>The fleet's Alerts screen: the Alerts screen's columns with the host first.</summary>
public static class FleetAlertColumns
{
    /// <summary>Index of TIME, the default sort: newest first.</summary>
    public const int Time = 1;

    /// <summary>HOST, TIME, SEVERITY, TYPE, ID, MESSAGE.</summary>
    public static IReadOnlyList<TableColumn<FleetAlert>> All { get; } =
    [
        new("HOST", a => SafeText.ForTerminal(a.Host), (a, b) => string.Compare(a.Host, b.Host, StringComparison.OrdinalIgnoreCase), MaxWidth: 20),
        new("TIME (UTC)", a => a.Alert.Timestamp.UtcDateTime.ToString("MM-dd HH:mm", CultureInfo.InvariantCulture), (a, b) => a.Alert.Timestamp.CompareTo(b.Alert.Timestamp), AlignRight: true),
        new("SEVERITY", a => a.Alert.Severity.ToKey(), (a, b) => a.Alert.Severity.CompareTo(b.Alert.Severity), AlignRight: true, Colour: a => AlertColumns.SeverityColor(a.Alert.Severity)),
        new("TYPE", a => a.Alert.Type.ToKey(), (a, b) => string.CompareOrdinal(a.Alert.Type.ToKey(), b.Alert.Type.ToKey()), MaxWidth: 16),
        new("ID", a => a.Alert.Id > 0 ? a.Alert.Id.ToString(CultureInfo.InvariantCulture) : "-", (a, b) => a.Alert.Id.CompareTo(b.Alert.Id), AlignRight: true),
        new("MESSAGE", a => SafeText.ForTerminal(a.Alert.Message), (a, b) => string.CompareOrdinal(a.Alert.Message, b.Alert.Message)),
    ];

    /// <summary>What a row is called across refreshes: host and alert id.</summary>
    public static string Key(FleetAlert a)
    {
        ArgumentNullException.ThrowIfNull(a);
        return a.Host + "#" + a.Alert.Id.ToString(CultureInfo.InvariantCulture);
    }
}

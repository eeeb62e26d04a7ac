using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views.Tables;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// Every fleet host's unresolved alerts, newest first, with the host they belong to; Enter resolves the selected one
/// through that host's relay. Hosts whose alerts could not be read are named above the table.
/// </summary>
public sealed class FleetAlertsView : View
{
    private readonly TextBlock _bar;
    private IReadOnlyList<FleetAlert> _alerts = [];
    private string _notice = "";
    private IReadOnlyList<string> _unread = [];
    private bool _loading;

    public FleetAlertsView()
    {
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        _bar = new TextBlock { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        Table = new SortedTable<FleetAlert>(FleetAlertColumns.All, FleetAlertColumns.Key, FleetAlertColumns.Time)
        {
            X = 0,
            Y = 1,
            Width = Dim.Fill(),
            Height = Dim.Fill(),
        };
        Add(_bar, Table);
        Table.RowOpened += (_, alert) => ResolveRequested?.Invoke(this, alert);
        Table.SortChanged += (_, _) => UpdateBar();
        UpdateBar();
    }

    /// <summary>Enter on an alert.</summary>
    public event EventHandler<FleetAlert>? ResolveRequested;

    /// <summary>The alerts table.</summary>
    public SortedTable<FleetAlert> Table { get; }

    /// <summary>The line above the table.</summary>
    public string BarText => _bar.Content;

    /// <summary>Says the hosts are being asked.</summary>
    public void SetLoading()
    {
        _loading = true;
        UpdateBar();
    }

    /// <summary>Shows <paramref name="alerts"/>; <paramref name="unread"/> names the hosts that did not answer, and why.</summary>
    public void Show(IReadOnlyList<FleetAlert> alerts, IReadOnlyList<string> unread)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        _loading = false;
        _alerts = alerts;
        _unread = unread;
        Table.SetRows(alerts);
        UpdateBar();
    }

    /// <summary>A resolution's outcome, shown first on the bar.</summary>
    public void SetNotice(string notice)
    {
        _notice = notice;
        UpdateBar();
    }

    private void UpdateBar()
    {
        var c = CultureInfo.InvariantCulture;
        string notice = _notice.Length > 0 ? _notice + " | " : "";
        string hosts = _alerts.Select(a => a.Host).Distinct(StringComparer.OrdinalIgnoreCase).Count() is var n && n > 0 ? string.Create(c, $" on {Units.Count(n, "host")}") : "";
        string unread = _unread.Count == 0 ? "" : "; not read: " + SafeText.ForTerminal(string.Join(", ", _unread));
        string loading = _loading ? " (asking the hosts...)" : "";
        _bar.Content = string.Create(c, $"{notice}Fleet alerts: {_alerts.Count} unresolved{hosts}{loading}{unread}, by {Table.SortHeader}   Enter: resolve  Esc: fleet");
    }
}

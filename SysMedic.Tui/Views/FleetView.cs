using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Tui.State;
using SysMedic.Tui.Views.Tables;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// The fleet: one row per host of hosts.yaml, worst first (hosts that cannot be seen, then Heavy, Medium, Light),
/// sortable by any column and filtered with <c>/</c>. Enter opens the host's console; <c>a</c> the fleet's alerts.
/// </summary>
public sealed class FleetView : View
{
    private readonly TextBlock _bar;
    private readonly FilterField _filter;
    private readonly Func<DateTimeOffset> _now;
    private IReadOnlyList<FleetRow> _rows = [];
    private string _notice = "";
    private bool _moved;

    public FleetView(Func<DateTimeOffset>? now = null)
    {
        _now = now ?? (() => DateTimeOffset.UtcNow);
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        _bar = new TextBlock { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        Table = new SortedTable<FleetRow>(FleetColumns.All(_now), FleetColumns.Key, FleetColumns.Status, FleetColumns.ByName)
        {
            X = 0,
            Y = 1,
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            Filter = r => FleetColumns.Matches(r, TextFilter),
            KeyPreview = HandleKey,
        };
        _filter = new FilterField(_bar, Table, Table.Apply, UpdateBar);
        Add(_bar, _filter, Table);
        Table.RowOpened += (_, row) => HostOpened?.Invoke(this, row);
        Table.SortChanged += (_, _) => UpdateBar();
        UpdateBar();
    }

    /// <summary>Enter on a host.</summary>
    public event EventHandler<FleetRow>? HostOpened;

    /// <summary><c>a</c>: the fleet's alerts.</summary>
    public event EventHandler? AlertsRequested;

    /// <summary>The hosts table.</summary>
    public SortedTable<FleetRow> Table { get; }

    /// <summary>The text filter; empty shows every host.</summary>
    public string TextFilter => _filter.Filter;

    /// <summary>The line above the table.</summary>
    public string BarText => _bar.Content;

    /// <summary>Where the hosts come from, for the empty screen's hint.</summary>
    public string HostsFile { get; set; } = "hosts.yaml";

    /// <summary>Shows <paramref name="rows"/>, keeping the selection and the scroll position.</summary>
    public void Show(IReadOnlyList<FleetRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        _rows = rows;

        // Until the operator moves, the cursor stays on the top row: the worst host, whichever it is now, and the
        // screen shows the top of the list (the table would otherwise follow the first host read as it sorts down).
        // The rows are formatted once either way.
        if (!_moved && rows.Count > 0)
        {
            Table.Rows.SetRows(rows);
            Table.Select(0);
        }
        else
        {
            Table.SetRows(rows);
        }

        UpdateBar();
    }

    /// <summary>An outcome shown first on the bar (a host added or removed).</summary>
    public void SetNotice(string notice)
    {
        _notice = notice;
        UpdateBar();
    }

    /// <summary>Opens the text filter and gives it the keyboard.</summary>
    public void BeginFilter() => _filter.Begin();

    /// <summary>Closes the filter field; <paramref name="clear"/> also drops the text filter.</summary>
    public void EndFilter(bool clear) => _filter.End(clear);

    /// <summary>Esc: closes the filter (and drops it); false when there was none.</summary>
    public bool HandleEscape() => _filter.HandleEscape();

    /// <summary>The screen's own keys: <c>/</c> filter, <c>a</c> alerts.</summary>
    public bool HandleKey(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        _moved |= key == Key.CursorDown || key == Key.CursorUp || key == Key.PageDown || key == Key.PageUp || key == Key.End || key.AsRune.Value is 'j' or 'k';
        if (key.AsRune.Value == '/')
        {
            BeginFilter();
            return true;
        }

        if (key == Key.A)
        {
            AlertsRequested?.Invoke(this, EventArgs.Empty);
            return true;
        }

        return false;
    }

    private void UpdateBar()
    {
        if (_filter.Visible)
        {
            return;
        }

        if (_rows.Count == 0)
        {
            _bar.Content = $"No hosts in {HostsFile}: File > Fleet > Add host, or sysmedic hosts add NAME sysmedic://HOST:PORT/";
            return;
        }

        int Count(FleetLink link) => _rows.Count(r => r.Link == link);
        var c = CultureInfo.InvariantCulture;
        string counts = string.Create(c, $"{Units.Count(_rows.Count, "host")}: {Count(FleetLink.Connected)} connected, {Count(FleetLink.Reconnecting) + Count(FleetLink.DoctorDown)} reconnecting, {Count(FleetLink.Unreachable) + Count(FleetLink.Connecting)} unreachable, {Count(FleetLink.Refused) + Count(FleetLink.NoSecret)} refused");
        string filter = TextFilter.Length == 0 ? "" : string.Create(c, $", {Table.Shown.Count} shown for \"{SafeText.ForTerminal(TextFilter)}\"");
        string notice = _notice.Length > 0 ? _notice + " | " : "";
        _bar.Content = $"{notice}{counts}{filter}, by {Table.SortHeader}   Enter: open  a: alerts  / filter  < > sort";
    }
}

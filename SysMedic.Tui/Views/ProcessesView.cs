using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Core.Sampling;
using SysMedic.Tui.State;
using SysMedic.Tui.Views.Tables;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// Every process, sortable; <c>/</c> filters by text (pid, user, name, command), <c>u</c> shows only the selected
/// process's user (again: everyone); Space tags, <c>e</c> shows the tree, <c>F</c> follows the selected process.
/// A view made for one user keeps that user filter. What acts on processes (signal, renice) is the owner's
/// (<see cref="ActionKey"/>); the outcome is shown here with <see cref="SetNotice"/>.
/// </summary>
public sealed partial class ProcessesView : View
{
    private readonly TextBlock _meters;
    private readonly TextBlock _bar;
    private readonly FilterField _filter;
    private readonly string? _fixedUser;
    private readonly ProcessTree _tree = new();
    private IReadOnlyList<ProcessUsage> _processes = [];
    private ProcessColumnChoice _optional;
    private string _notice = "";
    private Snapshot? _snapshot;

    /// <summary>All processes, or only <paramref name="fixedUser"/>'s.</summary>
    public ProcessesView(string? fixedUser = null)
    {
        _fixedUser = fixedUser;
        UserFilter = fixedUser;
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        // htop's meters above the list (per-CPU bars, memory, swap, tasks); a user's drill-down has its own charts.
        _meters = new TextBlock { X = 0, Y = 0, Width = Dim.Fill(), Height = 0, Visible = fixedUser is null };
        _bar = new TextBlock { X = 0, Y = Pos.Bottom(_meters), Width = Dim.Fill(), Height = 1 };
        Table = new SortedTable<ProcessUsage>(ProcessColumns.Full, ProcessColumns.Key, ProcessColumns.FullCpu, ProcessColumns.ByPid)
        {
            X = 0,
            Y = Pos.Bottom(_bar),
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            Filter = Matches,
        };
        _filter = new FilterField(_bar, Table, Table.Apply, UpdateBar);
        Add(_meters, _bar, _filter, Table);
        ViewportChanged += (_, e) =>
        {
            if (e.OldViewport.Width != Viewport.Width)
            {
                ShowMeters();
            }
        };
        Table.SortChanged += (_, _) => UpdateBar();
        WireKeys();
        UpdateBar();
    }

    /// <summary>The process table.</summary>
    public SortedTable<ProcessUsage> Table { get; }

    /// <summary>The text filter; empty shows everything.</summary>
    public string TextFilter => _filter.Filter;

    /// <summary>Only this user's processes are shown; null for everyone.</summary>
    public string? UserFilter { get; private set; }

    /// <summary>True while the filter field has the keyboard.</summary>
    public bool IsEditingFilter => _filter.HasFocus;

    /// <summary>True while processes are shown under their parents (<c>e</c>).</summary>
    public bool TreeMode { get; private set; }

    /// <summary>The optional columns shown.</summary>
    public ProcessColumnChoice OptionalColumns => _optional;

    /// <summary>The status line above the table.</summary>
    public string BarText => _bar.Content;

    /// <summary>The processes of the latest snapshot shown (all users).</summary>
    public IReadOnlyList<ProcessUsage> Processes => _processes;

    /// <summary>Shows the processes of <paramref name="snapshot"/>.</summary>
    public void Show(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _snapshot = snapshot;
        ShowMeters();
        Show(snapshot.Processes);
    }

    /// <summary>Shows <paramref name="processes"/>.</summary>
    public void Show(IReadOnlyList<ProcessUsage> processes)
    {
        ArgumentNullException.ThrowIfNull(processes);
        _processes = processes;
        Table.Rows.Tags.KeepOnly(processes.Select(ProcessColumns.Key));
        Table.SetRows(processes);
        if (Table.Rows.FollowLost is { } gone)
        {
            _notice = $"{gone} ended: no longer following it";
            Table.Rows.StopFollowing();
        }

        UpdateBar();
    }

    /// <summary>Shows <paramref name="notice"/> (an action's outcome) at the start of the status line until the next one.</summary>
    public void SetNotice(string notice)
    {
        ArgumentNullException.ThrowIfNull(notice);
        _notice = SafeText.ForTerminal(notice);
        UpdateBar();
    }

    /// <summary>The processes an action applies to: the tagged ones when any are, else the selected one.</summary>
    public IReadOnlyList<ProcessUsage> Targets()
    {
        if (Table.Rows.Tags.Count > 0)
        {
            return [.. _processes.Where(p => Table.Rows.Tags.Contains(ProcessColumns.Key(p)))];
        }

        return Table.Selected is { } selected ? [selected] : [];
    }

    /// <summary>Opens the text filter and gives it the keyboard.</summary>
    public void BeginFilter() => _filter.Begin();

    /// <summary>Closes the filter field; <paramref name="clear"/> also drops the text filter.</summary>
    public void EndFilter(bool clear) => _filter.End(clear);

    /// <summary>Shows only the selected process's user, or everyone again.</summary>
    public void ToggleUserFilter()
    {
        if (_fixedUser is not null)
        {
            return;
        }

        UserFilter = UserFilter is null ? Table.Selected?.User : null;
        Table.Apply();
        UpdateBar();
    }

    /// <summary>Shows only <paramref name="user"/>'s processes; null shows everyone.</summary>
    public void SetUserFilter(string? user)
    {
        UserFilter = _fixedUser ?? user;
        Table.Apply();
        UpdateBar();
    }

    /// <summary>Shows or hides the optional column <paramref name="column"/>.</summary>
    public void ToggleColumn(ProcessColumnChoice column)
    {
        _optional ^= column;
        Table.SetColumns(ProcessColumns.For(_optional, TreeMode ? p => _tree.Prefix(p.Pid) : null));
    }

    /// <summary>Shows processes under their parents, or as a flat list again.</summary>
    public void ToggleTree()
    {
        TreeMode = !TreeMode;
        Table.Rows.Arrange = TreeMode ? _tree.Arrange : null;
        Table.SetColumns(ProcessColumns.For(_optional, TreeMode ? p => _tree.Prefix(p.Pid) : null));
        UpdateBar();
    }

    private bool Matches(ProcessUsage p) =>
        (UserFilter is null || p.User == UserFilter) && ProcessColumns.Matches(p, TextFilter);

    /// <summary>The meter lines above the table (empty in a user's drill-down).</summary>
    public string MetersText => _meters.Content;

    private void ShowMeters()
    {
        if (_fixedUser is not null || _snapshot is null)
        {
            return;
        }

        IReadOnlyList<string> lines = MeterText.Lines(_snapshot, Viewport.Width > 0 ? Viewport.Width : 80);
        if (_meters.Height is not DimAbsolute { Size: var size } || size != lines.Count)
        {
            _meters.Height = lines.Count;
        }

        _meters.Content = string.Join('\n', lines);
    }

    private void UpdateBar()
    {
        if (_filter.Visible)
        {
            return;
        }

        string user = UserFilter is null ? "all users" : "user " + SafeText.ForTerminal(UserFilter);
        string text = TextFilter.Length == 0 ? "" : $"  filter \"{SafeText.ForTerminal(TextFilter)}\"";
        string tree = TreeMode ? ", tree" : "";
        string tagged = Table.Rows.Tags.Count == 0 ? "" : string.Create(CultureInfo.InvariantCulture, $", {Table.Rows.Tags.Count} tagged");
        string follow = Table.Rows.Follow && Table.Selected is { } f ? string.Create(CultureInfo.InvariantCulture, $", following {f.Pid}") : "";
        string keys = _fixedUser is null ? "/ filter  u user  Space tag  e tree  F9 signal  F7/F8 nice" : "/ filter  Space tag  e tree  F9 signal  F7/F8 nice";

        // An action's outcome comes first: on a narrow terminal the end of the line is cut.
        string notice = _notice.Length > 0 ? _notice + " | " : "";
        _bar.Content = $"{notice}{Table.Shown.Count} of {_processes.Count} processes, {user}{text}, by {Table.SortHeader}{tree}{tagged}{follow}   {keys}";
    }
}

using SysMedic.Core.Formatting;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Views.Tables;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// Every process, sortable; <c>/</c> filters by text (pid, user, name, command), <c>u</c> shows only the selected
/// process's user (again: everyone). A view made for one user keeps that user filter.
/// </summary>
public sealed partial class ProcessesView : View
{
    private readonly TextBlock _bar;
    private readonly TextField _filter;
    private readonly string? _fixedUser;
    private IReadOnlyList<ProcessUsage> _processes = [];

    /// <summary>All processes, or only <paramref name="fixedUser"/>'s.</summary>
    public ProcessesView(string? fixedUser = null)
    {
        _fixedUser = fixedUser;
        UserFilter = fixedUser;
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        _bar = new TextBlock { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        _filter = new TextField { X = 8, Y = 0, Width = 24, Visible = false };
        Table = new SortedTable<ProcessUsage>(ProcessColumns.Full, ProcessColumns.Key, ProcessColumns.FullCpu, ProcessColumns.ByPid)
        {
            X = 0,
            Y = 1,
            Width = Dim.Fill(),
            Height = Dim.Fill(),
            Filter = Matches,
        };
        Add(_bar, _filter, Table);
        _filter.ValueChanged += (_, _) => ApplyFilter();
        Table.SortChanged += (_, _) => UpdateBar();
        WireKeys();
        UpdateBar();
    }

    /// <summary>The process table.</summary>
    public SortedTable<ProcessUsage> Table { get; }

    /// <summary>The text filter; empty shows everything.</summary>
    public string TextFilter { get; private set; } = "";

    /// <summary>Only this user's processes are shown; null for everyone.</summary>
    public string? UserFilter { get; private set; }

    /// <summary>True while the filter field has the keyboard.</summary>
    public bool IsEditingFilter => _filter.HasFocus;

    /// <summary>The status line above the table.</summary>
    public string BarText => _bar.Content;

    /// <summary>Shows the processes of <paramref name="snapshot"/>.</summary>
    public void Show(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Show(snapshot.Processes);
    }

    /// <summary>Shows <paramref name="processes"/>.</summary>
    public void Show(IReadOnlyList<ProcessUsage> processes)
    {
        _processes = processes;
        Table.SetRows(processes);
        UpdateBar();
    }

    /// <summary>Opens the text filter and gives it the keyboard.</summary>
    public void BeginFilter()
    {
        _filter.Visible = true;
        _filter.Text = TextFilter;
        _bar.Content = "Filter:";
        _filter.SetFocus();
    }

    /// <summary>Closes the filter field; <paramref name="clear"/> also drops the text filter.</summary>
    public void EndFilter(bool clear)
    {
        if (clear)
        {
            TextFilter = "";
            Table.Apply();
        }

        _filter.Visible = false;
        Table.SetFocus();
        UpdateBar();
    }

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

    private bool Matches(ProcessUsage p) =>
        (UserFilter is null || p.User == UserFilter) && ProcessColumns.Matches(p, TextFilter);

    private void ApplyFilter()
    {
        TextFilter = _filter.Text ?? "";
        Table.Apply();
    }

    private void UpdateBar()
    {
        if (_filter.Visible)
        {
            return;
        }

        string user = UserFilter is null ? "all users" : "user " + SafeText.ForTerminal(UserFilter);
        string text = TextFilter.Length == 0 ? "" : $"  filter \"{SafeText.ForTerminal(TextFilter)}\"";
        string keys = _fixedUser is null ? "/ filter  u user  < > sort  r reverse" : "/ filter  < > sort  r reverse";
        _bar.Content = $"{Table.Shown.Count} of {_processes.Count} processes, {user}{text}, by {Table.SortHeader}   {keys}";
    }
}

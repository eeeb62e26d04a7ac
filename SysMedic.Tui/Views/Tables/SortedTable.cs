using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views.Tables;

/// <summary>
/// A table of <typeparamref name="T"/> that sorts and filters its rows itself: <c>&lt;</c> and <c>&gt;</c> pick the
/// sort column, <c>r</c> reverses it, <c>j</c>/<c>k</c> move like the arrows, Enter raises <see cref="RowOpened"/>.
/// The selected row and the scroll position survive a refresh.
/// </summary>
public sealed class SortedTable<T> : TableView
    where T : class
{
    private readonly IReadOnlyList<TableColumn<T>> _columns;
    private readonly Func<T, string> _key;
    private IReadOnlyList<T> _all = [];
    private List<T> _shown = [];

    /// <summary>A table over <paramref name="columns"/>; <paramref name="key"/> names a row across refreshes.</summary>
    public SortedTable(IReadOnlyList<TableColumn<T>> columns, Func<T, string> key, int sortColumn)
    {
        _columns = columns;
        _key = key;
        SortColumn = sortColumn;
        Descending = columns[sortColumn].DescendingFirst;
        FullRowSelect = true;
        MaxCellWidth = 1000;
        Style.ShowHorizontalHeaderOverline = false;
        Style.ShowHorizontalBottomLine = false;
        Style.ShowVerticalCellLines = false;
        Style.ShowVerticalHeaderLines = false;
        Style.ExpandLastColumn = true;
        for (int i = 0; i < columns.Count; i++)
        {
            ColumnStyle style = Style.GetOrCreateColumnStyle(i);
            style.Alignment = columns[i].AlignRight ? Alignment.End : Alignment.Start;
            if (columns[i].MaxWidth > 0)
            {
                style.MaxWidth = columns[i].MaxWidth;
            }
        }

        Apply();
    }

    /// <summary>Enter was pressed on a row.</summary>
    public event EventHandler<T>? RowOpened;

    /// <summary>The sort order changed (a key or <see cref="SortBy"/>).</summary>
    public event EventHandler? SortChanged;

    /// <summary>Index of the column rows are sorted by.</summary>
    public int SortColumn { get; private set; }

    /// <summary>True when the biggest (or last) value comes first.</summary>
    public bool Descending { get; private set; }

    /// <summary>Sees every key before the table; returns true when it used the key.</summary>
    public Func<Key, bool>? KeyPreview { get; set; }

    /// <summary>Rows for which this returns false are hidden; null shows every row.</summary>
    public Func<T, bool>? Filter { get; set; }

    /// <summary>The rows shown, in display order.</summary>
    public IReadOnlyList<T> Shown => _shown;

    /// <summary>The header of the sort column.</summary>
    public string SortHeader => _columns[SortColumn].Header;

    /// <summary>The row under the cursor, or null when the table is empty.</summary>
    public T? Selected => Value is { } selection && selection.SelectedCell.Y >= 0 && selection.SelectedCell.Y < _shown.Count
        ? _shown[selection.SelectedCell.Y]
        : null;

    /// <summary>Replaces the rows, keeping the selected row (by key) and the scroll position.</summary>
    public void SetRows(IReadOnlyList<T> rows)
    {
        _all = rows;
        Apply();
    }

    /// <summary>Sorts by <paramref name="column"/>; the same column again flips the order.</summary>
    public void SortBy(int column)
    {
        if (column == SortColumn)
        {
            Descending = !Descending;
        }
        else
        {
            SortColumn = Math.Clamp(column, 0, _columns.Count - 1);
            Descending = _columns[SortColumn].DescendingFirst;
        }

        Apply();
        SortChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Re-applies the filter and the sort to the current rows.</summary>
    public void Apply()
    {
        string? selectedKey = Selected is { } selected ? _key(selected) : null;
        int rowOffset = RowOffset;
        List<T> shown = Filter is null ? [.. _all] : [.. _all.Where(Filter)];
        Comparison<T> column = _columns[SortColumn].Compare;
        Comparison<T> ordered = Descending ? (a, b) => column(b, a) : column;

        // Ties keep one order across refreshes (by key), so equal rows do not swap places every two seconds.
        shown.Sort((a, b) => ordered(a, b) is var c && c != 0 ? c : string.CompareOrdinal(_key(a), _key(b)));
        _shown = shown;
        Table = new RowsTableSource<T>(shown, _columns, SortColumn, Descending);
        int row = selectedKey is null ? 0 : shown.FindIndex(r => _key(r) == selectedKey);
        RowOffset = rowOffset;
        if (shown.Count > 0)
        {
            SetSelection(0, Math.Max(0, row), false, null);
        }

        EnsureValidScrollOffsets();
        SetNeedsDraw();
    }

    protected override bool OnMouseEvent(Mouse mouse)
    {
        ArgumentNullException.ThrowIfNull(mouse);

        // A click on a column header sorts by it (again: reverses); a double click on a row opens it.
        if (mouse.Position is { } position && mouse.IsSingleClicked && ScreenToCell(position, out int? header) is null && header is { } column)
        {
            SortBy(column);
            return true;
        }

        if (mouse.Position is { } at && mouse.IsDoubleClicked && ScreenToCell(at, out _) is { } cell && cell.Y < _shown.Count)
        {
            SetSelection(0, cell.Y, false, null);
            RowOpened?.Invoke(this, _shown[cell.Y]);
            return true;
        }

        return base.OnMouseEvent(mouse);
    }

    protected override bool OnKeyDown(Key key)
    {
        // TableView takes letters for type-to-search; these keys must reach us first.
        if (KeyPreview?.Invoke(key) == true)
        {
            return true;
        }

        if (key == Key.J)
        {
            return InvokeCommand(Command.Down) == true;
        }

        if (key == Key.K)
        {
            return InvokeCommand(Command.Up) == true;
        }

        if (key == Key.R)
        {
            SortBy(SortColumn);
            return true;
        }

        if (key.AsRune.Value is '<' or '>')
        {
            int step = key.AsRune.Value == '>' ? 1 : -1;
            SortBy((SortColumn + step + _columns.Count) % _columns.Count);
            return true;
        }

        if (key == Key.Enter)
        {
            if (Selected is { } row)
            {
                RowOpened?.Invoke(this, row);
            }

            return true;
        }

        return base.OnKeyDown(key);
    }
}

using SysMedic.Tui.State;

namespace SysMedic.Tui.Views.Tables;

/// <summary>
/// What a table shows, without drawing it: the rows filtered and sorted, the selected row (kept by key across
/// refreshes), the first row on screen, and the text of the rows on screen, formatted once per change. Equal values
/// keep one order, by the tie-break (a number compares as a number).
/// </summary>
public sealed class SortedRows<T>
    where T : class
{
    private readonly Func<T, string> _key;
    private readonly Comparison<T> _tieBreak;
    private IReadOnlyList<T> _all = [];
    private List<T> _shown = [];
    private TableText? _text;
    private int _textWidth = -1;

    /// <summary>Rows of <paramref name="columns"/>; <paramref name="key"/> names a row across refreshes.</summary>
    public SortedRows(IReadOnlyList<TableColumn<T>> columns, Func<T, string> key, int sortColumn, Comparison<T>? tieBreak = null)
    {
        ArgumentNullException.ThrowIfNull(columns);
        Columns = columns;
        _key = key;
        _tieBreak = tieBreak ?? ((a, b) => string.CompareOrdinal(key(a), key(b)));
        SortColumn = sortColumn;
        Descending = columns[sortColumn].DescendingFirst;
    }

    public IReadOnlyList<TableColumn<T>> Columns { get; private set; }

    /// <summary>Puts the sorted rows in another order (a process tree); null keeps the sort order.</summary>
    public Func<IReadOnlyList<T>, List<T>>? Arrange { get; set; }

    /// <summary>The tagged rows (Space), marked with <c>*</c> before their first cell.</summary>
    public TagSet Tags { get; } = new();

    /// <summary>
    /// When true the selected row keeps its line on screen while the rows re-sort (the list moves under it); moving
    /// the selection turns it off, and so does the row going away (<see cref="FollowLost"/> then names it).
    /// </summary>
    public bool Follow { get; set; }

    /// <summary>The key of the row that was followed when it went away; null while following or never followed.</summary>
    public string? FollowLost { get; private set; }

    /// <summary>The key of <paramref name="row"/>.</summary>
    public string KeyOf(T row) => _key(row);

    /// <summary>Whether <paramref name="row"/> is tagged.</summary>
    public bool IsTagged(T row) => Tags.Count > 0 && Tags.Contains(_key(row));

    /// <summary>Replaces the columns, keeping the sort column when the new set has one of the same header.</summary>
    public void SetColumns(IReadOnlyList<TableColumn<T>> columns)
    {
        ArgumentNullException.ThrowIfNull(columns);
        string header = Columns[SortColumn].Header;
        Columns = columns;
        int same = columns.ToList().FindIndex(c => c.Header == header);
        SortColumn = same >= 0 ? same : Math.Min(SortColumn, columns.Count - 1);
        Apply();
    }

    /// <summary>Index of the column rows are sorted by.</summary>
    public int SortColumn { get; private set; }

    /// <summary>True when the biggest (or last) value comes first.</summary>
    public bool Descending { get; private set; }

    /// <summary>Rows for which this returns false are hidden; null shows every row.</summary>
    public Func<T, bool>? Filter { get; set; }

    /// <summary>The rows shown, in display order.</summary>
    public IReadOnlyList<T> Shown => _shown;

    /// <summary>Index in <see cref="Shown"/> of the selected row; -1 when there is none.</summary>
    public int SelectedIndex { get; private set; } = -1;

    /// <summary>The selected row, or null when the table is empty.</summary>
    public T? Selected => SelectedIndex >= 0 && SelectedIndex < _shown.Count ? _shown[SelectedIndex] : null;

    /// <summary>Index in <see cref="Shown"/> of the first row on screen.</summary>
    public int Top { get; private set; }

    /// <summary>How many rows the screen has room for (at least 1).</summary>
    public int PageSize { get; private set; } = 1;

    /// <summary>Replaces the rows, keeping the selected row (by key) and the first row on screen.</summary>
    public void SetRows(IReadOnlyList<T> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
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
            SortColumn = Math.Clamp(column, 0, Columns.Count - 1);
            Descending = Columns[SortColumn].DescendingFirst;
        }

        Apply();
    }

    /// <summary>Re-applies the filter and the sort, keeping the selected row (by key) or, when it went, its place.</summary>
    public void Apply()
    {
        string? selectedKey = Selected is { } selected ? _key(selected) : null;
        int selectedIndex = SelectedIndex;
        int line = SelectedIndex - Top;
        List<T> shown = Filter is null ? [.. _all] : [.. _all.Where(Filter)];
        Comparison<T> column = Columns[SortColumn].Compare;
        Comparison<T> ordered = Descending ? (a, b) => column(b, a) : column;

        // Ties keep one order across refreshes, so equal rows do not swap places every two seconds.
        shown.Sort((a, b) => ordered(a, b) is var c && c != 0 ? c : _tieBreak(a, b));
        if (Arrange is { } arrange)
        {
            shown = arrange(shown);
        }

        _shown = shown;
        int found = selectedKey is null ? -1 : shown.FindIndex(r => _key(r) == selectedKey);
        SelectedIndex = shown.Count == 0 ? -1 : found >= 0 ? found : Math.Clamp(selectedIndex, 0, shown.Count - 1);
        if (Follow && found >= 0 && line >= 0 && line < PageSize)
        {
            // The followed row stays on its line: the rows move under it.
            Top = Math.Clamp(found - line, 0, Math.Max(0, shown.Count - PageSize));
        }
        else if (Follow && selectedKey is not null && found < 0)
        {
            Follow = false;
            FollowLost = selectedKey;
        }

        KeepSelectionInView();
        _text = null;
    }

    /// <summary>Sets how many rows fit on screen, scrolling so the selected row stays on it.</summary>
    public void SetPageSize(int rows)
    {
        PageSize = Math.Max(1, rows);
        KeepSelectionInView();
        _text = null;
    }

    /// <summary>Selects the row at <paramref name="index"/> in <see cref="Shown"/> (clamped) and scrolls to it.</summary>
    public void Select(int index)
    {
        if (_shown.Count == 0)
        {
            return;
        }

        SelectedIndex = Math.Clamp(index, 0, _shown.Count - 1);
        KeepSelectionInView();
    }

    /// <summary>Starts following the selected row (see <see cref="Follow"/>); false when nothing is selected.</summary>
    public bool StartFollowing()
    {
        FollowLost = null;
        Follow = Selected is not null;
        return Follow;
    }

    /// <summary>Stops following and forgets the row that was lost.</summary>
    public void StopFollowing()
    {
        Follow = false;
        FollowLost = null;
    }

    /// <summary>Moves the selection by <paramref name="rows"/> (negative: up).</summary>
    public void MoveBy(int rows) => Select(SelectedIndex + rows);

    /// <summary>Scrolls the screen by <paramref name="rows"/> (the mouse wheel); the selection stays on screen.</summary>
    public void Scroll(int rows)
    {
        int top = Math.Clamp(Top + rows, 0, Math.Max(0, _shown.Count - PageSize));
        if (top == Top)
        {
            return;
        }

        Top = top;
        _text = null;
        if (SelectedIndex >= 0)
        {
            SelectedIndex = Math.Clamp(SelectedIndex, Top, Math.Min(_shown.Count, Top + PageSize) - 1);
        }
    }

    /// <summary>
    /// The header and the rows on screen as text <paramref name="width"/> cells wide: each column as wide as its widest
    /// value on screen (at most its MaxWidth), the last one taking the rest. Formatted again only after a change.
    /// </summary>
    public TableText Text(int width)
    {
        if (_text is null || width != _textWidth)
        {
            _text = TableText.Format(this, _shown, Top, PageSize, width);
            _textWidth = width;
        }

        return _text;
    }

    /// <summary>The header of <paramref name="column"/>, with ▼ (biggest first) or ▲ on the sort column.</summary>
    public string Header(int column) =>
        column == SortColumn ? Columns[column].Header + (Descending ? "▼" : "▲") : Columns[column].Header;

    private void KeepSelectionInView()
    {
        int top = Top;
        if (SelectedIndex >= 0)
        {
            if (SelectedIndex < top)
            {
                top = SelectedIndex;
            }
            else if (SelectedIndex >= top + PageSize)
            {
                top = SelectedIndex - PageSize + 1;
            }
        }

        top = Math.Clamp(top, 0, Math.Max(0, _shown.Count - PageSize));
        if (top != Top)
        {
            Top = top;
            _text = null;
        }
    }
}

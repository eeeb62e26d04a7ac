using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Color = Terminal.Gui.Drawing.Color;

namespace SysMedic.Tui.Views.Tables;

/// <summary>
/// A table of <typeparamref name="T"/> that sorts and filters its rows itself (<see cref="SortedRows{T}"/> holds that
/// state). The header and its rule never scroll away; each line on screen is its own small view that redraws only
/// when its text or selection changes. Keys: arrows, <c>j</c>/<c>k</c>, PgUp/PgDn, Home/End; <c>&lt;</c> and
/// <c>&gt;</c> pick the sort column, <c>r</c> reverses it, Enter raises <see cref="RowOpened"/>; the mouse wheel
/// scrolls, a click selects, a double click opens, a click on a header sorts.
/// </summary>
public sealed partial class SortedTable<T> : View
    where T : class
{
    private const int HeaderLines = 2;
    private readonly SortedRows<T> _rows;
    private readonly TableLine _header = new(-1) { X = 0, Y = 0, Width = Dim.Fill() };
    private readonly TableLine _rule = new(-1) { X = 0, Y = 1, Width = Dim.Fill() };
    private readonly List<TableLine> _lines = [];
    private T? _lastSelected;

    /// <summary>
    /// A table over <paramref name="columns"/>; <paramref name="key"/> names a row across refreshes and
    /// <paramref name="tieBreak"/> orders rows whose sort values are equal (default: by key, as text).
    /// </summary>
    public SortedTable(IReadOnlyList<TableColumn<T>> columns, Func<T, string> key, int sortColumn, Comparison<T>? tieBreak = null)
    {
        _rows = new SortedRows<T>(columns, key, sortColumn, tieBreak);
        CanFocus = true;
        _header.MouseHandler = OnLineMouse;
        Add(_header, _rule);
        Render();
    }

    /// <summary>Enter (or a double click) on a row.</summary>
    public event EventHandler<T>? RowOpened;

    /// <summary>The sort order changed (a key, a click or <see cref="SortBy"/>).</summary>
    public event EventHandler? SortChanged;

    /// <summary>Another row was selected.</summary>
    public event EventHandler? SelectionChanged;

    /// <summary>The rows' state: sort, filter, selection, tags, follow.</summary>
    public SortedRows<T> Rows => _rows;

    /// <summary>Index of the column rows are sorted by.</summary>
    public int SortColumn => _rows.SortColumn;

    /// <summary>True when the biggest (or last) value comes first.</summary>
    public bool Descending => _rows.Descending;

    /// <summary>Sees every key before the table; returns true when it used the key.</summary>
    public Func<Terminal.Gui.Input.Key, bool>? KeyPreview { get; set; }

    /// <summary>Rows for which this returns false are hidden; null shows every row.</summary>
    public Func<T, bool>? Filter
    {
        get => _rows.Filter;
        set => _rows.Filter = value;
    }

    /// <summary>The rows shown, in display order.</summary>
    public IReadOnlyList<T> Shown => _rows.Shown;

    /// <summary>The header of the sort column.</summary>
    public string SortHeader => _rows.Columns[SortColumn].Header;

    /// <summary>The row under the cursor, or null when the table is empty.</summary>
    public T? Selected => _rows.Selected;

    /// <summary>Index in <see cref="Shown"/> of the first row on screen.</summary>
    public int TopRow => _rows.Top;

    /// <summary>How many row lines wait to be drawn (a refresh marks only the lines whose text or selection changed).</summary>
    internal int LinesNeedingDraw => _lines.Count(l => l.NeedsDraw);

    /// <summary>Replaces the rows, keeping the selected row (by key) and the scroll position.</summary>
    public void SetRows(IReadOnlyList<T> rows)
    {
        _rows.SetRows(rows);
        Render();
    }

    /// <summary>Sorts by <paramref name="column"/>; the same column again flips the order.</summary>
    public void SortBy(int column)
    {
        _rows.SortBy(column);
        Render();
        SortChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Re-applies the filter and the sort to the current rows.</summary>
    public void Apply()
    {
        _rows.Apply();
        Render();
    }

    /// <summary>Replaces the columns (optional columns shown or hidden), keeping the sort column when it stays.</summary>
    public void SetColumns(IReadOnlyList<TableColumn<T>> columns)
    {
        _rows.SetColumns(columns);
        Render();
        SortChanged?.Invoke(this, EventArgs.Empty);
    }

    /// <summary>Draws the rows again after a change of their state (tags, tree) that the table cannot see.</summary>
    public void Refresh() => Apply();

    /// <summary>Selects the row at <paramref name="index"/> in <see cref="Shown"/> and scrolls to it.</summary>
    public void Select(int index)
    {
        _rows.Select(index);
        Render();
    }

    protected override bool OnClearingViewport() => true;

    protected override void OnSubViewLayout(LayoutEventArgs args)
    {
        // One line view per row that fits; created here so they are laid out in this same pass.
        int rows = Math.Max(0, Viewport.Height - HeaderLines);
        while (_lines.Count < rows)
        {
            var line = new TableLine(_lines.Count) { X = 0, Y = HeaderLines + _lines.Count, Width = Dim.Fill(), MouseHandler = OnLineMouse };
            _lines.Add(line);
            Add(line);
        }

        while (_lines.Count > rows)
        {
            TableLine last = _lines[^1];
            _lines.RemoveAt(_lines.Count - 1);
            Remove(last);
            last.Dispose();
        }

        _rows.SetPageSize(rows);
        Render(Viewport.Width);
        base.OnSubViewLayout(args);
    }

    protected override void OnHasFocusChanged(bool newHasFocus, View? previousFocusedView, View? focusedView)
    {
        base.OnHasFocusChanged(newHasFocus, previousFocusedView, focusedView);
        Render();
    }

    private void Render() => Render(Viewport.Width);

    private void Render(int width)
    {
        if (width <= 0)
        {
            width = 1;
        }

        TableText text = _rows.Text(width);
        _header.Show(text.Header, VisualRole.Normal);
        _rule.Show(new string('─', width), VisualRole.Normal);
        VisualRole selected = HasFocus ? VisualRole.Focus : VisualRole.Active;
        for (int i = 0; i < _lines.Count; i++)
        {
            if (i >= text.Rows.Count)
            {
                _lines[i].Show("", VisualRole.Normal);
                continue;
            }

            bool isSelected = _rows.Top + i == _rows.SelectedIndex;
            _lines[i].Show(text.Rows[i], isSelected ? selected : VisualRole.Normal, isSelected ? null : Spans(text, i));
        }

        if (!ReferenceEquals(_lastSelected, _rows.Selected))
        {
            _lastSelected = _rows.Selected;
            SelectionChanged?.Invoke(this, EventArgs.Empty);
        }
    }

    // The coloured cells of an unselected line; the selected line keeps the selection's colours.
    private List<(int Start, string Text, Color Colour)>? Spans(TableText text, int line)
    {
        List<(int, string, Color)>? spans = null;
        T row = _rows.Shown[_rows.Top + line];
        for (int c = 0; c < _rows.Columns.Count; c++)
        {
            if (_rows.Columns[c].Colour?.Invoke(row) is { } colour)
            {
                (spans ??= []).Add((text.Starts[c], text.Cell(line, c), colour));
            }
        }

        return spans;
    }
}

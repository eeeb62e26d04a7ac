using Terminal.Gui.Input;

namespace SysMedic.Tui.Views.Tables;

/// <summary>The table's keys and mouse.</summary>
public sealed partial class SortedTable<T>
{
    private const int WheelRows = 3;

    protected override bool OnKeyDown(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);

        // Screens' own keys first (a filter, show resolved...).
        if (KeyPreview?.Invoke(key) == true)
        {
            return true;
        }

        if (Move(key) is { } target)
        {
            // Moving by hand ends following a row, as in htop.
            _rows.Follow = false;
            Select(target);
            return true;
        }

        if (key == Key.R)
        {
            SortBy(SortColumn);
            return true;
        }

        if (key.AsRune.Value is '<' or '>')
        {
            int step = key.AsRune.Value == '>' ? 1 : -1;
            SortBy((SortColumn + step + _rows.Columns.Count) % _rows.Columns.Count);
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

    /// <summary>Where a movement key takes the selection; null when the key is not one.</summary>
    private int? Move(Key key)
    {
        int at = _rows.SelectedIndex;
        int page = Math.Max(1, _rows.PageSize);
        if (key == Key.CursorDown || key == Key.J)
        {
            return at + 1;
        }

        if (key == Key.CursorUp || key == Key.K)
        {
            return at - 1;
        }

        if (key == Key.PageDown)
        {
            return at + page;
        }

        if (key == Key.PageUp)
        {
            return at - page;
        }

        if (key == Key.Home || key == Key.Home.WithCtrl)
        {
            return 0;
        }

        return key == Key.End || key == Key.End.WithCtrl ? Shown.Count - 1 : null;
    }

    private bool OnLineMouse(TableLine line, Mouse mouse)
    {
        if (mouse.Flags.HasFlag(MouseFlags.WheeledDown) || mouse.Flags.HasFlag(MouseFlags.WheeledUp))
        {
            _rows.Scroll(mouse.Flags.HasFlag(MouseFlags.WheeledDown) ? WheelRows : -WheelRows);
            Render();
            return true;
        }

        if (mouse.Position is not { } at)
        {
            return false;
        }

        // A click on a column header sorts by it (again: reverses).
        if (ReferenceEquals(line, _header))
        {
            if (mouse.IsSingleClicked && _rows.Text(Math.Max(1, Viewport.Width)).ColumnAt(at.X) is { } column)
            {
                SortBy(column);
                return true;
            }

            return false;
        }

        int index = _rows.Top + line.Index;
        if (line.Index < 0 || index >= Shown.Count)
        {
            return false;
        }

        if (mouse.IsSingleClicked || mouse.IsDoubleClicked)
        {
            SetFocus();
            Select(index);
            if (mouse.IsDoubleClicked)
            {
                RowOpened?.Invoke(this, Shown[index]);
            }

            return true;
        }

        return false;
    }
}

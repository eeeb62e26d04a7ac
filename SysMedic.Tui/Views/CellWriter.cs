using System.Drawing;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using TgAttribute = Terminal.Gui.Drawing.Attribute;

namespace SysMedic.Tui.Views;

/// <summary>
/// Writes a line of a view, sending Terminal.Gui only the cells that changed when it can: Terminal.Gui 2.5 does no
/// diffing of its own and each cell written costs about a kilobyte of allocation, so a refresh that changes "0.0" to
/// "0.2" in a row should write three cells, not the row. The shortcut is taken only when the screen buffer still
/// holds, cell for cell and colour for colour, the text this line drew last (nothing was drawn over it, no full
/// redraw cleared it) and both texts are of the same length in characters that take one cell each (ASCII, box
/// drawing, block elements and the sort arrows); otherwise the whole line is written. Either
/// way the buffer ends up holding exactly the new line.
/// </summary>
public static class CellWriter
{
    /// <summary>
    /// Writes <paramref name="text"/> at <paramref name="row"/> of <paramref name="view"/> in
    /// <paramref name="attribute"/>, given what that line showed after its last write (null: unknown).
    /// </summary>
    public static void Write(View view, int row, string text, string? previous, TgAttribute attribute)
    {
        ArgumentNullException.ThrowIfNull(view);
        ArgumentNullException.ThrowIfNull(text);
        view.SetAttribute(attribute);
        if (previous is not null && ChangedSpan(text, previous) is var (first, last) && Holds(view, row, previous, attribute))
        {
            if (first <= last)
            {
                view.AddStr(first, row, text.Substring(first, last - first + 1));
            }

            return;
        }

        view.AddStr(0, row, text);
    }

    /// <summary>The first and last index where two one-cell-per-character texts of one length differ (first &gt; last: none); null otherwise.</summary>
    public static (int First, int Last)? ChangedSpan(string text, string previous)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(previous);
        if (text.Length != previous.Length || !OneCellEach(text) || !OneCellEach(previous))
        {
            return null;
        }

        int first = 0;
        while (first < text.Length && text[first] == previous[first])
        {
            first++;
        }

        int last = text.Length - 1;
        while (last >= first && text[last] == previous[last])
        {
            last--;
        }

        return (first, last);
    }

    // Whether the screen buffer shows `previous` in `attribute` where this line is, every cell visible on screen.
    private static bool Holds(View view, int row, string previous, TgAttribute attribute)
    {
        Cell[,]? contents = view.App?.Driver?.Contents;
        if (contents is null)
        {
            return false;
        }

        Point start = view.ViewportToScreen(new Point(0, row));
        int rows = contents.GetLength(0);
        int columns = contents.GetLength(1);
        if (start.Y < 0 || start.Y >= rows || start.X < 0 || start.X + previous.Length > columns)
        {
            return false;
        }

        for (int i = 0; i < previous.Length; i++)
        {
            Cell cell = contents[start.Y, start.X + i];
            string grapheme = cell.Grapheme;
            if (grapheme.Length != 1 || grapheme[0] != previous[i] || cell.Attribute != attribute)
            {
                return false;
            }
        }

        return true;
    }

    private static bool OneCellEach(string text)
    {
        foreach (char c in text)
        {
            if (c is not ((>= ' ' and <= '~') or (>= '\u2500' and <= '\u25ff')))
            {
                return false;
            }
        }

        return true;
    }
}

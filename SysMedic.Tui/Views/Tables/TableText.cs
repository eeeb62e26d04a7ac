using System.Text;

namespace SysMedic.Tui.Views.Tables;

/// <summary>
/// The text of a table as the screen shows it: the header line and one line per row on screen, each exactly as wide
/// as the table, columns one space apart; where each column starts, and each cell's text as fitted.
/// </summary>
public sealed class TableText
{
    private readonly string[][] _cells;

    private TableText(string header, string[] rows, string[][] cells, int[] starts, int[] widths)
    {
        Header = header;
        Rows = rows;
        _cells = cells;
        Starts = starts;
        Widths = widths;
    }

    /// <summary>The header line.</summary>
    public string Header { get; }

    /// <summary>The lines of the rows on screen, the first at the table's first row on screen.</summary>
    public IReadOnlyList<string> Rows { get; }

    /// <summary>The cell where each column starts.</summary>
    public IReadOnlyList<int> Starts { get; }

    /// <summary>How many cells each column takes.</summary>
    public IReadOnlyList<int> Widths { get; }

    /// <summary>The text of <paramref name="column"/> in the <paramref name="row"/>th line on screen, as fitted.</summary>
    public string Cell(int row, int column) => _cells[row][column];

    /// <summary>The column under cell <paramref name="x"/> of a line (the space after a column counts as its own).</summary>
    public int? ColumnAt(int x)
    {
        for (int c = Starts.Count - 1; c >= 0; c--)
        {
            if (x >= Starts[c])
            {
                return c;
            }
        }

        return null;
    }

    /// <summary>Formats rows <paramref name="top"/> to <paramref name="top"/> + <paramref name="count"/> of <paramref name="shown"/>.</summary>
    public static TableText Format<T>(SortedRows<T> table, IReadOnlyList<T> shown, int top, int count, int width)
        where T : class
    {
        ArgumentNullException.ThrowIfNull(table);
        ArgumentNullException.ThrowIfNull(shown);
        IReadOnlyList<TableColumn<T>> columns = table.Columns;
        int rows = Math.Max(0, Math.Min(count, shown.Count - top));

        // Each visible cell is formatted once; widths follow the header and the values on screen.
        string[][] raw = new string[rows][];
        int[] widths = new int[columns.Count];
        for (int c = 0; c < columns.Count; c++)
        {
            widths[c] = CellText.Columns(table.Header(c));
        }

        for (int r = 0; r < rows; r++)
        {
            T row = shown[top + r];
            raw[r] = new string[columns.Count];
            for (int c = 0; c < columns.Count; c++)
            {
                string text = c == 0 && table.IsTagged(row) ? "*" + columns[c].Text(row) : columns[c].Text(row);
                raw[r][c] = text;
                widths[c] = Math.Max(widths[c], CellText.Columns(text));
            }
        }

        int[] starts = new int[columns.Count];
        int x = 0;
        for (int c = 0; c < columns.Count; c++)
        {
            if (columns[c].MaxWidth > 0)
            {
                widths[c] = Math.Min(widths[c], columns[c].MaxWidth);
            }

            starts[c] = x;
            if (c == columns.Count - 1)
            {
                // The last column takes what is left, so its text is cut only at the table's edge.
                widths[c] = Math.Max(widths[c], width - x);
            }

            x += widths[c] + 1;
        }

        string header = Line(c => table.Header(c), columns, widths, width, header: true);
        string[] lines = new string[rows];
        string[][] cells = new string[rows][];
        for (int r = 0; r < rows; r++)
        {
            string[] values = raw[r];
            cells[r] = new string[columns.Count];
            string[] fitted = cells[r];
            lines[r] = Line(c => fitted[c] = CellText.Fit(values[c], widths[c], columns[c].AlignRight), columns, widths, width, header: false);
        }

        return new TableText(header, lines, cells, starts, widths);
    }

    private static string Line<T>(Func<int, string> cell, IReadOnlyList<TableColumn<T>> columns, int[] widths, int width, bool header)
    {
        var line = new StringBuilder(width + 8);
        for (int c = 0; c < columns.Count; c++)
        {
            if (c > 0)
            {
                line.Append(' ');
            }

            line.Append(header ? CellText.Fit(cell(c), widths[c], columns[c].AlignRight) : cell(c));
        }

        return CellText.Fit(line.ToString(), width);
    }
}

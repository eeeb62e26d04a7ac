using Terminal.Gui.Views;

namespace SysMedic.Tui.Views.Tables;

/// <summary>Rows already filtered and sorted, shown through their columns; the sort column's header shows ▲ or ▼.</summary>
public sealed class RowsTableSource<T>(IReadOnlyList<T> rows, IReadOnlyList<TableColumn<T>> columns, int sortColumn, bool descending) : ITableSource
{
    private readonly string[] _names = columns.Select((c, i) => i == sortColumn ? c.Header + (descending ? "▼" : "▲") : c.Header).ToArray();

    /// <summary>The rows in display order.</summary>
    public IReadOnlyList<T> Items => rows;

    public string[] ColumnNames => _names;

    public int Columns => _names.Length;

    public int Rows => rows.Count;

    public object this[int row, int col] => columns[col].Text(rows[row]);
}

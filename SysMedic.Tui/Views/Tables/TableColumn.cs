using Color = Terminal.Gui.Drawing.Color;

namespace SysMedic.Tui.Views.Tables;

/// <summary>
/// One column of a <see cref="SortedTable{T}"/>: its header, the text of a cell and how rows compare; optionally the
/// colour of a cell's text (null: the row's colour).
/// </summary>
public sealed record TableColumn<T>(string Header, Func<T, string> Text, Comparison<T> Compare, bool AlignRight = false, int MaxWidth = 0, Func<T, Color?>? Colour = null)
{
    /// <summary>Whether a new sort on this column starts with the biggest values (numbers) or A..Z (text).</summary>
    public bool DescendingFirst => AlignRight;
}

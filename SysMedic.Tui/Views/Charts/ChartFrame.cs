using System.Text;
using TgAttribute = Terminal.Gui.Drawing.Attribute;

namespace SysMedic.Tui.Views.Charts;

/// <summary>
/// What one frame of a <see cref="Sparkline"/> shows: each column's bar (eighths of a cell x 2, plus 1 when over the
/// threshold) shifted left by two, with bit 2 set for the cursor's column and bit 1 for a column with a mark; the
/// threshold row (-1: none), the height and the colours.
/// </summary>
internal sealed record ChartFrame(int[] Columns, int ThresholdRow, int Height, TgAttribute Bar, TgAttribute Alarm, TgAttribute CursorBar, TgAttribute CursorAlarm)
{
    /// <summary>The flag of the cursor's column.</summary>
    public const int CursorFlag = 2;

    /// <summary>The flag of a column with a mark (an alert raised then).</summary>
    public const int MarkFlag = 1;

    private static readonly Rune[] Levels = [new('▁'), new('▂'), new('▃'), new('▄'), new('▅'), new('▆'), new('▇'), new('█')];
    private static readonly Rune ThresholdRune = new('┄');
    private static readonly Rune MarkRune = new('▼');

    /// <summary>One column's code: its bar and flags.</summary>
    public static int Code(int eighths, bool over, bool cursor, bool mark) =>
        (((eighths * 2) + (over ? 1 : 0)) << 2) | (cursor ? CursorFlag : 0) | (mark ? MarkFlag : 0);

    /// <summary>True when <paramref name="other"/> has the same size, threshold row and colours (only columns may differ).</summary>
    public bool SameGrid(ChartFrame other) =>
        other.Columns.Length == Columns.Length && other.Height == Height && other.ThresholdRow == ThresholdRow && other.Bar == Bar && other.Alarm == Alarm
        && other.CursorBar == CursorBar && other.CursorAlarm == CursorAlarm;

    /// <summary>The character at (<paramref name="x"/>, <paramref name="row"/>) and its colours.</summary>
    public (Rune Rune, TgAttribute Attribute) Cell(int x, int row)
    {
        int code = Columns[x];
        bool cursor = (code & CursorFlag) != 0;
        int bar = code >> 2;
        int fill = Math.Clamp((bar / 2) - ((Height - 1 - row) * 8), 0, 8);
        if (fill > 0)
        {
            return (Levels[fill - 1], Colour((bar & 1) == 1, cursor));
        }

        if (row == 0 && (code & MarkFlag) != 0)
        {
            return (MarkRune, Colour(alarm: true, cursor));
        }

        return row == ThresholdRow ? (ThresholdRune, Colour(alarm: true, cursor)) : (new Rune(' '), Colour(alarm: false, cursor));
    }

    private TgAttribute Colour(bool alarm, bool cursor) => cursor ? (alarm ? CursorAlarm : CursorBar) : (alarm ? Alarm : Bar);
}

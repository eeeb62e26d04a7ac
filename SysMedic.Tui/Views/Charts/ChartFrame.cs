using System.Text;
using TgAttribute = Terminal.Gui.Drawing.Attribute;

namespace SysMedic.Tui.Views.Charts;

/// <summary>
/// What one frame of a <see cref="Sparkline"/> shows: each column's bar (eighths of a cell x 2, plus 1 when over the
/// threshold), the threshold row (-1: none), the height and the two colours.
/// </summary>
internal sealed record ChartFrame(int[] Columns, int ThresholdRow, int Height, TgAttribute Bar, TgAttribute Alarm)
{
    private static readonly Rune[] Levels = [new('▁'), new('▂'), new('▃'), new('▄'), new('▅'), new('▆'), new('▇'), new('█')];
    private static readonly Rune ThresholdRune = new('┄');

    /// <summary>True when <paramref name="other"/> has the same size, threshold row and colours (only bars may differ).</summary>
    public bool SameGrid(ChartFrame other) =>
        other.Columns.Length == Columns.Length && other.Height == Height && other.ThresholdRow == ThresholdRow && other.Bar == Bar && other.Alarm == Alarm;

    /// <summary>The character at (<paramref name="x"/>, <paramref name="row"/>) and whether it is in the alarm colour.</summary>
    public (Rune Rune, bool Alarm) Cell(int x, int row)
    {
        int eighths = Columns[x] / 2;
        int fill = Math.Clamp(eighths - ((Height - 1 - row) * 8), 0, 8);
        if (fill > 0)
        {
            return (Levels[fill - 1], (Columns[x] & 1) == 1);
        }

        return row == ThresholdRow ? (ThresholdRune, true) : (new Rune(' '), false);
    }
}

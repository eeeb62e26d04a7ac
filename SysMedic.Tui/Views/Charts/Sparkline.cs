using System.Text;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Color = Terminal.Gui.Drawing.Color;
using TgAttribute = Terminal.Gui.Drawing.Attribute;

namespace SysMedic.Tui.Views.Charts;

/// <summary>
/// A bar chart one column per value, eight levels per cell, with an optional dashed threshold line, an optional cursor
/// (a highlighted column) and marks (a ▼ at the top of a column). Missing values (NaN) leave the column empty. Draws
/// only its own cells, so a refresh costs its area and nothing more. A click on a column raises <see cref="ColumnClicked"/>.
/// </summary>
public sealed class Sparkline : View
{
    private double[] _values = [];
    private int[]? _drawn;
    private ChartFrame? _lastFrame;
    private int? _cursor;
    private HashSet<int> _marks = [];

    public Sparkline()
    {
        CanFocus = false;
    }

    /// <summary>The value at the top of the chart; ignored when <see cref="AutoScale"/> finds a bigger one.</summary>
    public double Maximum { get; set; } = 100;

    /// <summary>When true the top is the larger of <see cref="Maximum"/> and the biggest value shown.</summary>
    public bool AutoScale { get; set; }

    /// <summary>Where the threshold line is drawn, in the values' unit; null for none.</summary>
    public double? Threshold { get; set; }

    /// <summary>Colour of the bars under the threshold.</summary>
    public Color BarColor { get; set; } = Color.BrightGreen;

    /// <summary>Colour of bars over the threshold and of the threshold line.</summary>
    public Color AlarmColor { get; set; } = Color.BrightRed;

    /// <summary>Colour of the cursor's column background.</summary>
    public Color CursorColor { get; set; } = Color.DarkGray;

    /// <summary>The values, oldest first; NaN for a column without data.</summary>
    public IReadOnlyList<double> Values => _values;

    /// <summary>The index (into <see cref="Values"/>) of the highlighted value, or null.</summary>
    public int? CursorIndex => _cursor;

    /// <summary>The indexes (into <see cref="Values"/>) of the marked values.</summary>
    public IReadOnlyCollection<int> Marks => _marks;

    /// <summary>A click on the chart: the index into <see cref="Values"/> of the column clicked.</summary>
    public event EventHandler<int>? ColumnClicked;

    /// <summary>Highlights value <paramref name="cursor"/> (null: none) and marks <paramref name="marks"/>; redraws only what changed.</summary>
    public void SetCursor(int? cursor, IEnumerable<int>? marks = null)
    {
        _cursor = cursor;
        _marks = marks is null ? [] : [.. marks];
        SetValues(_values);
    }

    protected override bool OnMouseEvent(Terminal.Gui.Input.Mouse mouse)
    {
        ArgumentNullException.ThrowIfNull(mouse);
        if (mouse.Flags.HasFlag(Terminal.Gui.Input.MouseFlags.LeftButtonClicked) && mouse.Position is { } at)
        {
            int index = at.X - Math.Max(0, Viewport.Width - _values.Length) + Math.Max(0, _values.Length - Viewport.Width);
            if (index >= 0 && index < _values.Length)
            {
                ColumnClicked?.Invoke(this, index);
                return true;
            }
        }

        return base.OnMouseEvent(mouse);
    }

    /// <summary>Replaces the values; redraws only when a bar, its colour or the threshold line would change.</summary>
    public void SetValues(double[] values)
    {
        ArgumentNullException.ThrowIfNull(values);
        _values = values;

        // Most refreshes move the newest column by less than an eighth of a cell: nothing to draw then.
        int[] shape = Shape();
        if (_drawn is not null && shape.AsSpan().SequenceEqual(_drawn))
        {
            return;
        }

        _drawn = shape;
        SetNeedsDraw();
    }

    /// <summary>The top of the scale in use now.</summary>
    public double Scale()
    {
        double top = Maximum;
        if (AutoScale)
        {
            foreach (double v in _values)
            {
                if (v > top)
                {
                    top = v;
                }
            }
        }

        return top <= 0 ? 1 : top;
    }

    // Every cell is painted below: clearing the area first would write it twice.
    protected override bool OnClearingViewport() => true;

    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        int height = Viewport.Height;
        if (width <= 0 || height <= 0)
        {
            return true;
        }

        Color background = GetAttributeForRole(VisualRole.Normal).Background;
        var frame = new ChartFrame(
            new int[width], ThresholdRow(Scale(), height), height, new TgAttribute(BarColor, background), new TgAttribute(AlarmColor, background),
            new TgAttribute(BarColor, CursorColor), new TgAttribute(AlarmColor, CursorColor));
        double top = Scale();
        int offset = Math.Max(0, _values.Length - width);
        int padding = Math.Max(0, width - _values.Length);
        for (int x = 0; x < width; x++)
        {
            int index = offset + x - padding;
            (int eighths, bool over) = Column(x < padding ? double.NaN : _values[index], top, height);
            frame.Columns[x] = ChartFrame.Code(eighths, over, x >= padding && index == _cursor, x >= padding && _marks.Contains(index));
        }

        // Between two shifts of the time axis usually only the newest column changes: when the screen still shows
        // the last frame, only the columns that differ are written (each cell costs Terminal.Gui about a kilobyte).
        ChartFrame? last = _lastFrame is { } previous && previous.SameGrid(frame) && Shows(previous) ? previous : null;
        for (int x = 0; x < width; x++)
        {
            if (last is not null && last.Columns[x] == frame.Columns[x])
            {
                continue;
            }

            for (int row = 0; row < height; row++)
            {
                (Rune rune, TgAttribute attribute) = frame.Cell(x, row);
                SetAttribute(attribute);
                AddRune(x, row, rune);
            }
        }

        _lastFrame = frame;
        return true;
    }

    // Whether the screen buffer holds `frame` where the chart is (nothing drew over it since).
    private bool Shows(ChartFrame frame)
    {
        Terminal.Gui.Drawing.Cell[,]? contents = App?.Driver?.Contents;
        if (contents is null)
        {
            return false;
        }

        System.Drawing.Point origin = ViewportToScreen(new System.Drawing.Point(0, 0));
        if (origin.X < 0 || origin.Y < 0 || origin.Y + frame.Height > contents.GetLength(0) || origin.X + frame.Columns.Length > contents.GetLength(1))
        {
            return false;
        }

        for (int x = 0; x < frame.Columns.Length; x++)
        {
            for (int row = 0; row < frame.Height; row++)
            {
                (Rune rune, TgAttribute attribute) = frame.Cell(x, row);
                Terminal.Gui.Drawing.Cell cell = contents[origin.Y + row, origin.X + x];
                string grapheme = cell.Grapheme;
                if (grapheme.Length != 1 || grapheme[0] != rune.Value || cell.Attribute != attribute)
                {
                    return false;
                }
            }
        }

        return true;
    }

    private int ThresholdRow(double top, int height) =>
        Threshold is { } t && t > 0 && t <= top ? height - 1 - (int)Math.Min(height - 1, Math.Floor(t / top * height)) : -1;

    /// <summary>How many eighths of the column's height a value fills, and whether it is over the threshold.</summary>
    private (int Eighths, bool Over) Column(double v, double top, int height)
    {
        int eighths = double.IsNaN(v) ? 0 : (int)Math.Round(Math.Clamp(v / top, 0, 1) * height * 8);
        if (!double.IsNaN(v) && v > 0 && eighths == 0)
        {
            eighths = 1;
        }

        return (eighths, Threshold is { } limit && v > limit);
    }

    /// <summary>What the chart would draw at its present size: each column's bar and colour, and the threshold row.</summary>
    private int[] Shape()
    {
        int height = Viewport.Height;
        double top = Scale();
        var shape = new int[_values.Length + 2];
        for (int i = 0; i < _values.Length; i++)
        {
            (int eighths, bool over) = Column(_values[i], top, Math.Max(1, height));
            shape[i] = ChartFrame.Code(eighths, over, i == _cursor, _marks.Contains(i));
        }

        shape[^2] = ThresholdRow(top, Math.Max(1, height));
        shape[^1] = height;
        return shape;
    }
}

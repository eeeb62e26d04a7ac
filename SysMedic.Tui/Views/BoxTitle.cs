using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace SysMedic.Tui.Views;

/// <summary>
/// The top line of a <see cref="BoxPanel"/>: corners, rule and the caption, <c>╭┤CPU 57.3%├────╮</c>. A new caption
/// redraws this one line only (a FrameView's title redraws the whole frame and everything in it).
/// </summary>
public sealed class BoxTitle : View
{
    private string _caption = "";
    private string? _drawn;

    public BoxTitle()
    {
        CanFocus = false;
        Height = 1;
    }

    /// <summary>The text between the corners; empty for a plain rule.</summary>
    public string Caption
    {
        get => _caption;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value != _caption)
            {
                _caption = value;
                SetNeedsDraw();
            }
        }
    }

    /// <summary>The line as drawn <paramref name="width"/> cells wide.</summary>
    public static string Line(string caption, int width)
    {
        ArgumentNullException.ThrowIfNull(caption);
        if (width < 2)
        {
            return width == 1 ? "╭" : "";
        }

        string inner = caption.Length == 0 ? "" : "┤" + caption + "├";
        inner = CellText.Fit(inner, Math.Min(CellText.Columns(inner), width - 2));
        return "╭" + inner + new string('─', width - 2 - CellText.Columns(inner)) + "╮";
    }

    protected override bool OnClearingViewport() => true;

    protected override bool OnDrawingContent(DrawContext? context)
    {
        string line = Line(_caption, Viewport.Width);
        CellWriter.Write(this, 0, line, _drawn, GetAttributeForRole(VisualRole.Normal));
        _drawn = line;
        return true;
    }
}

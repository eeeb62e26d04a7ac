using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;

namespace SysMedic.Tui.Views;

/// <summary>
/// Lines of text that paint every cell of the view (one write per line, cut or padded to the width) and redraw only
/// when the text changes. Unlike a Label, a new text asks for no layout: figures that change every refresh cost the
/// cells of this view and nothing else.
/// </summary>
public sealed class TextBlock : View
{
    private string _content = "";
    private string[] _lines = [];
    private string?[] _drawn = [];

    public TextBlock()
    {
        CanFocus = false;
    }

    /// <summary>The text, lines separated by <c>\n</c>.</summary>
    public string Content
    {
        get => _content;
        set
        {
            ArgumentNullException.ThrowIfNull(value);
            if (value == _content)
            {
                return;
            }

            _content = value;
            _lines = value.Split('\n');
            SetNeedsDraw();
        }
    }

    /// <summary>The colours the text is drawn in.</summary>
    public VisualRole Role { get; init; } = VisualRole.Normal;

    protected override bool OnClearingViewport() => true;

    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        if (width <= 0)
        {
            return true;
        }

        var attribute = GetAttributeForRole(Role);
        string blank = new(' ', width);
        if (_drawn.Length != Viewport.Height)
        {
            _drawn = new string?[Viewport.Height];
        }

        for (int row = 0; row < Viewport.Height; row++)
        {
            string line = row < _lines.Length ? CellText.Fit(_lines[row], width) : blank;
            CellWriter.Write(this, row, line, _drawn[row], attribute);
            _drawn[row] = line;
        }

        return true;
    }
}

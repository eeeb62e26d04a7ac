using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Color = Terminal.Gui.Drawing.Color;
using TgAttribute = Terminal.Gui.Drawing.Attribute;

namespace SysMedic.Tui.Views.Tables;

/// <summary>
/// One line of a table on screen. It paints every cell of its line with one write (plus one per coloured cell), and
/// asks for a redraw only when its text, its colours or whether it is selected change, so a refresh redraws only the
/// lines that changed. Mouse events go to the table.
/// </summary>
internal sealed class TableLine : View
{
    private string _text = "";
    private VisualRole _role = VisualRole.Normal;
    private IReadOnlyList<(int Start, string Text, Color Colour)> _spans = [];
    private string? _drawn;

    public TableLine(int index)
    {
        Index = index;
        CanFocus = false;
        Height = 1;
    }

    /// <summary>The line's place under the table's header (0 = the first row line).</summary>
    public int Index { get; }

    /// <summary>The text shown now.</summary>
    public string Line => _text;

    /// <summary>Receives the line's mouse events with the line's index.</summary>
    public Func<TableLine, Mouse, bool>? MouseHandler { get; set; }

    /// <summary>Shows <paramref name="text"/> in <paramref name="role"/>'s colours, with coloured cells; redraws only on a change.</summary>
    public void Show(string text, VisualRole role, IReadOnlyList<(int Start, string Text, Color Colour)>? spans = null)
    {
        spans ??= [];
        if (text == _text && role == _role && SameSpans(spans))
        {
            return;
        }

        _text = text;
        _role = role;
        _spans = spans;
        SetNeedsDraw();
    }

    protected override bool OnClearingViewport() => true;

    protected override bool OnDrawingContent(DrawContext? context)
    {
        int width = Viewport.Width;
        if (width <= 0)
        {
            return true;
        }

        TgAttribute attribute = GetAttributeForRole(_role);
        string line = _text.Length == width ? _text : CellText.Fit(_text, width);
        CellWriter.Write(this, 0, line, _drawn, attribute);
        _drawn = _spans.Count == 0 ? line : null;
        foreach ((int start, string text, Color colour) in _spans)
        {
            SetAttribute(new TgAttribute(colour, attribute.Background, TextStyle.Bold));
            AddStr(start, 0, text);
        }

        return true;
    }

    protected override bool OnMouseEvent(Mouse mouse) => MouseHandler?.Invoke(this, mouse) ?? base.OnMouseEvent(mouse);

    private bool SameSpans(IReadOnlyList<(int Start, string Text, Color Colour)> spans)
    {
        if (spans.Count != _spans.Count)
        {
            return false;
        }

        for (int i = 0; i < spans.Count; i++)
        {
            if (spans[i] != _spans[i])
            {
                return false;
            }
        }

        return true;
    }
}

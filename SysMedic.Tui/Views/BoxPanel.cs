using Terminal.Gui.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;

namespace SysMedic.Tui.Views;

/// <summary>
/// A rounded box with a caption in its top line, drawn by the panel itself instead of a border adornment: a caption
/// that changes every refresh (a figure, a count) redraws its one line, not the box and all it holds. What goes
/// inside (<see cref="Hold"/>) must paint every cell of the inside, as the console's own views do.
/// </summary>
public class BoxPanel : View
{
    private readonly BoxTitle _title = new() { X = 0, Y = 0, Width = Dim.Fill() };

    public BoxPanel(string caption)
    {
        // As a FrameView: the panel is a tab group, so Tab moves between what it holds and the next panel's.
        CanFocus = true;
        TabStop = TabBehavior.TabGroup;
        _title.Caption = caption;
        Add(_title);
    }

    /// <summary>The text in the top line.</summary>
    public string Caption
    {
        get => _title.Caption;
        set => _title.Caption = value;
    }

    /// <summary>Puts <paramref name="view"/> inside the box: one cell in from each side, under the top line.</summary>
    public void Hold(View view)
    {
        ArgumentNullException.ThrowIfNull(view);
        view.X = 1;
        view.Y = 1;
        view.Width = Dim.Fill(1);
        view.Height = Dim.Fill(1);
        Add(view);
    }

    protected override bool OnClearingViewport() => true;

    protected override bool OnDrawingContent(DrawContext? context)
    {
        // The sides and the bottom; the top line and the inside are views of their own.
        int width = Viewport.Width;
        int height = Viewport.Height;
        if (width < 2 || height < 2)
        {
            return true;
        }

        SetAttribute(GetAttributeForRole(VisualRole.Normal));
        for (int row = 1; row < height - 1; row++)
        {
            AddStr(0, row, "│");
            AddStr(width - 1, row, "│");
        }

        AddStr(0, height - 1, "╰" + new string('─', width - 2) + "╯");
        return true;
    }
}

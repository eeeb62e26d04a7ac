using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>A screen the current connection cannot serve: says what it needs, centred.</summary>
public sealed class PlaceholderView : View
{
    public PlaceholderView(string title, string text)
    {
        Title = title;
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        Message = new Label { X = Pos.Center(), Y = Pos.Center(), Text = text, TextAlignment = Alignment.Center };
        Add(Message);
    }

    /// <summary>The message shown.</summary>
    public Label Message { get; }
}

using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>A question with Cancel and a default button named for the action; <see cref="Confirmed"/> once it was pressed.</summary>
public sealed class ConfirmDialog : Dialog
{
    public ConfirmDialog(string title, string question, string action)
    {
        ArgumentNullException.ThrowIfNull(question);
        Title = title;
        string[] lines = question.Split('\n');
        Width = Math.Clamp(lines.Max(l => l.Length) + 6, 40, 110);
        Height = lines.Length + 6;
        Add(new Label { X = 1, Y = 0, Width = Dim.Fill(1), Height = lines.Length, Text = question });
        var cancel = new Button { Text = "_Cancel" };
        cancel.Accepting += (_, e) =>
        {
            Confirmed = false;
            App?.RequestStop();
            e.Handled = true;
        };
        var yes = new Button { Text = action, IsDefault = true };
        yes.Accepting += (_, e) =>
        {
            Confirmed = true;
            App?.RequestStop();
            e.Handled = true;
        };
        AddButton(cancel);
        AddButton(yes);
        yes.SetFocus();
    }

    /// <summary>Whether the action was confirmed.</summary>
    public bool Confirmed { get; private set; }
}

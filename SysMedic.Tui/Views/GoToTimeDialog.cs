using SysMedic.Core.Formatting;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// <c>g</c> on History: a time typed as <c>sysmedic report --at</c> takes it (03:00, "2026-12-06 03:00", 90m ago).
/// Go sets <see cref="Typed"/>; Cancel or Esc leave it null. Opened again with the text and why it was refused when it
/// does not read as a time.
/// </summary>
public sealed class GoToTimeDialog : Dialog
{
    private readonly TextField _when;

    public GoToTimeDialog(string text = "", string problem = "")
    {
        Title = "Replay the moment at";
        Width = Dim.Percent(70);
        Height = 9;
        var label = new Label { X = 1, Y = 0, Text = "Time:" };
        _when = new TextField { X = 8, Y = 0, Width = Dim.Fill(1), Text = text };
        var examples = new Label { X = 1, Y = 2, Width = Dim.Fill(1), Text = "e.g. " + MomentTime.Forms };
        // The forms accepted are on the line above: the reason is said up to where it would list them again.
        int cut = problem.IndexOf("; use one of", StringComparison.Ordinal);
        var why = new Label { X = 1, Y = 1, Width = Dim.Fill(1), Text = SafeText.ForTerminal(cut < 0 ? problem : problem[..cut]) };
        Add(label, _when, examples, why);

        var cancel = new Button { Text = "_Cancel" };
        cancel.Accepting += (_, e) =>
        {
            Typed = null;
            App?.RequestStop();
            e.Handled = true;
        };
        var go = new Button { Text = "_Go", IsDefault = true };
        go.Accepting += (_, e) =>
        {
            Typed = _when.Text;
            App?.RequestStop();
            e.Handled = true;
        };
        AddButton(cancel);
        AddButton(go);
        _when.SetFocus();
    }

    /// <summary>The text typed, once Go was pressed; null when cancelled.</summary>
    public string? Typed { get; private set; }
}

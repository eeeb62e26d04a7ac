using System.Collections.ObjectModel;
using System.Globalization;
using SysMedic.Core.Protocol;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// F9: which signal to send, TERM first (the default, as htop's), then KILL, HUP, INT, QUIT, STOP, CONT, USR1, USR2 by
/// name and number. Enter (or Choose) sets <see cref="Signal"/>; Cancel or Esc leaves it null.
/// </summary>
public sealed class SignalDialog : Dialog
{
    private readonly ListView _list;

    public SignalDialog(string target)
    {
        Title = "Send a signal";
        Width = Math.Clamp(target.Length + 10, 40, 110);
        Height = ProcessSignals.All.Count + 8;
        Add(new Label { X = 1, Y = 0, Width = Dim.Fill(1), Text = "to " + target });
        _list = new ListView { X = 1, Y = 2, Width = Dim.Fill(1), Height = ProcessSignals.All.Count };
        _list.SetSource(new ObservableCollection<string>([.. ProcessSignals.All.Select(s => string.Create(CultureInfo.InvariantCulture, $"{s.Number,2} SIG{s.Name}"))]));
        _list.SelectedItem = 0;
        Add(_list);
        var cancel = new Button { Text = "_Cancel" };
        cancel.Accepting += (_, e) =>
        {
            Signal = null;
            App?.RequestStop();
            e.Handled = true;
        };
        var choose = new Button { Text = "C_hoose", IsDefault = true };
        choose.Accepting += (_, e) =>
        {
            Signal = ProcessSignals.All[Math.Clamp(_list.SelectedItem ?? 0, 0, ProcessSignals.All.Count - 1)].Name;
            App?.RequestStop();
            e.Handled = true;
        };
        AddButton(cancel);
        AddButton(choose);
        _list.SetFocus();
    }

    /// <summary>The signal chosen (TERM, KILL...), or null when cancelled.</summary>
    public string? Signal { get; private set; }
}

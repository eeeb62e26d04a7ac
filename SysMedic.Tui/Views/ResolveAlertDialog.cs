using System.Globalization;
using SysMedic.Core.Alerts;
using SysMedic.Core.Formatting;
using SysMedic.Tui.Connection;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// The resolution form: a note and who resolved the alert (the login name unless changed). Resolve sets
/// <see cref="Resolution"/>; Cancel or Esc leaves it null.
/// </summary>
public sealed class ResolveAlertDialog : Dialog
{
    private readonly TextField _note;
    private readonly TextField _by;

    public ResolveAlertDialog(Alert alert, string resolvedBy)
        : this([alert], resolvedBy)
    {
    }

    /// <summary>One note and one name for every alert of <paramref name="alerts"/> (the tagged ones).</summary>
    public ResolveAlertDialog(IReadOnlyList<Alert> alerts, string resolvedBy)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        Alert alert = alerts[0];
        Title = alerts.Count == 1
            ? string.Create(CultureInfo.InvariantCulture, $"Resolve alert {alert.Id}")
            : string.Create(CultureInfo.InvariantCulture, $"Resolve {alerts.Count} alerts");
        Width = Dim.Percent(80);
        Height = 11;
        string text = alerts.Count == 1
            ? $"[{alert.Severity.ToKey()}] {alert.Message}"
            : "alerts " + string.Join(", ", alerts.Select(a => a.Id.ToString(CultureInfo.InvariantCulture)));
        var what = new Label { X = 1, Y = 0, Width = Dim.Fill(1), Text = SafeText.ForTerminal(text) };
        var noteLabel = new Label { X = 1, Y = 2, Text = "Note:" };
        _note = new TextField { X = 14, Y = 2, Width = Dim.Fill(1) };
        var byLabel = new Label { X = 1, Y = 4, Text = "Resolved by:" };
        _by = new TextField { X = 14, Y = 4, Width = Dim.Fill(1), Text = resolvedBy };
        Add(what, noteLabel, _note, byLabel, _by);

        var cancel = new Button { Text = "_Cancel" };
        cancel.Accepting += (_, e) =>
        {
            Resolution = null;
            App?.RequestStop();
            e.Handled = true;
        };
        var resolve = new Button { Text = "_Resolve", IsDefault = true };
        resolve.Accepting += (_, e) =>
        {
            Resolution = (_note.Text.Trim(), _by.Text.Trim());
            App?.RequestStop();
            e.Handled = true;
        };
        AddButton(cancel);
        AddButton(resolve);
        _note.SetFocus();
    }

    /// <summary>The note and the name, once Resolve was pressed; null when cancelled.</summary>
    public (string Note, string By)? Resolution { get; private set; }
}

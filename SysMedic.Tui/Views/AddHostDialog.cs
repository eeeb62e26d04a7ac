using SysMedic.Core.Protocol;
using SysMedic.Tui.Connection;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// File &gt; Fleet &gt; Add host: a name, the relay's URL, and the secret in the URL or in a file. Add writes the host to
/// hosts.yaml (as <c>sysmedic hosts add</c> does) and sets <see cref="Added"/>; a mistake is shown under the form and
/// nothing is written.
/// </summary>
public sealed class AddHostDialog : Dialog
{
    private readonly string _hostsFile;
    private readonly TextField _name;
    private readonly TextField _url;
    private readonly TextField _secretFile;
    private readonly Label _error;

    public AddHostDialog(string hostsFile)
    {
        _hostsFile = hostsFile;
        Title = "Add a host to the fleet";
        Width = Dim.Percent(85);
        Height = 13;
        Add(new Label { X = 1, Y = 0, Text = "Name:" });
        _name = new TextField { X = 14, Y = 0, Width = 24 };
        Add(_name, new Label { X = 40, Y = 0, Text = "as the fleet lists it (web01)" });
        Add(new Label { X = 1, Y = 2, Text = "URL:" });
        _url = new TextField { X = 14, Y = 2, Width = Dim.Fill(1) };
        Add(_url, new Label { X = 14, Y = 3, Text = "sysmedic://SECRET@HOST:PORT/, or sysmedic://HOST:PORT/ with a secret file" });
        Add(new Label { X = 1, Y = 5, Text = "Secret file:" });
        _secretFile = new TextField { X = 14, Y = 5, Width = Dim.Fill(1) };
        Add(_secretFile);
        _error = new Label { X = 1, Y = 6, Width = Dim.Fill(1), Text = "" };
        Add(_error);
        var cancel = new Button { Text = "_Cancel" };
        cancel.Accepting += (_, e) =>
        {
            Added = null;
            App?.RequestStop();
            e.Handled = true;
        };
        var add = new Button { Text = "_Add", IsDefault = true };
        add.Accepting += (_, e) =>
        {
            e.Handled = true;
            Submit();
        };
        AddButton(cancel);
        AddButton(add);

        // Enter in a field submits the form here: left to the dialog, it would close it whatever the form held.
        foreach (TextField field in new[] { _name, _url, _secretFile })
        {
            field.Accepting += (_, e) =>
            {
                e.Handled = true;
                Submit();
            };
        }

        _name.SetFocus();
    }

    /// <summary>The host written to hosts.yaml, once Add succeeded; null when cancelled.</summary>
    public RecentHost? Added { get; private set; }

    /// <summary>The error shown under the form, empty when none.</summary>
    public string ErrorText => _error.Text;

    private void Submit()
    {
        if (TryAdd(out string? error))
        {
            App?.RequestStop();
        }
        else
        {
            _error.Text = "! " + error;
        }
    }

    private bool TryAdd(out string? error)
    {
        string name = (_name.Text ?? "").Trim();
        string secretFile = (_secretFile.Text ?? "").Trim();
        if (!QuickConnectUrl.TryParseAddress((_url.Text ?? "").Trim(), out QuickConnectUrl? url, out error))
        {
            return false;
        }

        try
        {
            Added = RecentHosts.Add(_hostsFile, name, url, secretFile.Length == 0 ? null : secretFile, DateTimeOffset.UtcNow);
            return true;
        }
        catch (Exception ex) when (ex is ArgumentException or InvalidOperationException or HostsFileException or IOException or UnauthorizedAccessException)
        {
            error = ex.Message;
            return false;
        }
    }
}

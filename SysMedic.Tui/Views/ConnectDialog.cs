using System.Collections.ObjectModel;
using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using SysMedic.Core.Protocol;
using SysMedic.Tui.Connection;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// File &gt; Connect: a Quick Connect URL, or host, port, secret and TLS; the relays used before are listed and a
/// pick fills the form. Connect sets <see cref="Url"/>; Cancel or Esc leaves it null.
/// </summary>
public sealed class ConnectDialog : Dialog
{
    private readonly IReadOnlyList<RecentHost> _recent;
    private readonly TextField _url;
    private readonly TextField _host;
    private readonly TextField _port;
    private readonly TextField _secret;
    private readonly CheckBox _tls;
    private readonly Label _error;

    public ConnectDialog(IReadOnlyList<RecentHost> recent)
    {
        _recent = recent;
        Title = "Connect to a relay";
        Width = Dim.Percent(85);
        Height = 15 + Math.Clamp(recent.Count, 1, 6);
        Add(new Label { X = 1, Y = 0, Text = "URL:" });
        _url = new TextField { X = 10, Y = 0, Width = Dim.Fill(1) };
        Add(_url, new Label { X = 10, Y = 1, Text = "sysmedic://SECRET@HOST:PORT/ (sysmedics:// for TLS), or:" });
        Add(new Label { X = 1, Y = 3, Text = "Host:" });
        _host = new TextField { X = 10, Y = 3, Width = 30 };
        Add(_host, new Label { X = 42, Y = 3, Text = "Port:" });
        _port = new TextField { X = 48, Y = 3, Width = 7, Text = QuickConnectUrl.DefaultPort.ToString(CultureInfo.InvariantCulture) };
        _tls = new CheckBox { X = 57, Y = 3, Text = "_TLS" };
        Add(_port, _tls, new Label { X = 1, Y = 5, Text = "Secret:" });
        _secret = new TextField { X = 10, Y = 5, Width = Dim.Fill(1), Secret = true };
        Add(_secret);
        _error = new Label { X = 1, Y = 6, Width = Dim.Fill(1), Text = "" };
        Add(_error, new Label { X = 1, Y = 7, Text = recent.Count == 0 ? "Recent hosts: none yet" : "Recent hosts (pick one to fill the form):" });
        Recent = new ListView { X = 1, Y = 8, Width = Dim.Fill(1), Height = Dim.Fill(1) };
        Recent.SetSource(new ObservableCollection<string>([.. recent.Select(h => $"{h.Label}   last used {h.LastUsed.UtcDateTime:yyyy-MM-dd HH:mm} UTC")]));
        Recent.ValueChanged += (_, _) => FillFromRecent();
        Add(Recent);
        if (recent.Count > 0)
        {
            // The last relay used is filled in: reconnecting to it is one Enter.
            Recent.SelectedItem = 0;
            FillFromRecent();
        }

        var cancel = new Button { Text = "_Cancel" };
        cancel.Accepting += (_, e) =>
        {
            Url = null;
            App?.RequestStop();
            e.Handled = true;
        };
        var connect = new Button { Text = "C_onnect", IsDefault = true };
        connect.Accepting += (_, e) =>
        {
            e.Handled = true;
            Submit();
        };
        AddButton(cancel);
        AddButton(connect);

        // Enter in a field submits the form here: left to the dialog, it would close it whatever the form held.
        foreach (TextField field in new[] { _url, _host, _port, _secret })
        {
            field.Accepting += (_, e) =>
            {
                e.Handled = true;
                Submit();
            };
        }

        // The URL field first, even with a recent host filled in: a pasted URL lands there and Enter connects with it.
        _url.SetFocus();
    }

    /// <summary>The relays offered.</summary>
    public ListView Recent { get; }

    /// <summary>Where to connect, once Connect was pressed with a valid form; null when cancelled.</summary>
    public QuickConnectUrl? Url { get; private set; }

    /// <summary>The error shown under the form, empty when none.</summary>
    public string ErrorText => _error.Text;

    /// <summary>
    /// The relay the form names: the URL when one is typed, else host, port, secret and TLS. On failure
    /// <paramref name="error"/> says which field is wrong.
    /// </summary>
    public static bool TryBuild(string url, string host, string port, string secret, bool tls, [NotNullWhen(true)] out QuickConnectUrl? result, [NotNullWhen(false)] out string? error)
    {
        ArgumentNullException.ThrowIfNull(url);
        ArgumentNullException.ThrowIfNull(host);
        ArgumentNullException.ThrowIfNull(port);
        ArgumentNullException.ThrowIfNull(secret);
        if (url.Trim().Length > 0)
        {
            return QuickConnectUrl.TryParse(url, out result, out error);
        }

        result = null;
        host = host.Trim();
        secret = secret.Trim();
        if (host.Length == 0)
        {
            error = "give a URL, or a host";
            return false;
        }

        if (host.Any(c => char.IsWhiteSpace(c) || c is '/' or '@' or '?' or '#'))
        {
            error = $"'{host}' is not a host name or address";
            return false;
        }

        if (!int.TryParse(port.Trim(), NumberStyles.None, CultureInfo.InvariantCulture, out int number) || number is < 1 or > 65535)
        {
            error = $"port '{port.Trim()}' is not a number from 1 to 65535";
            return false;
        }

        if (secret.Length == 0)
        {
            error = "the relay's secret is needed (sysmedic websocket status shows it)";
            return false;
        }

        if (secret.Contains(':', StringComparison.Ordinal))
        {
            error = "the secret must not contain ':' (a relay secret is base64url)";
            return false;
        }

        result = new QuickConnectUrl(secret, host.Trim('[', ']'), number, tls);
        error = null;
        return true;
    }

    private void Submit()
    {
        if (TryBuild(_url.Text, _host.Text, _port.Text, _secret.Text, _tls.Value == CheckState.Checked, out QuickConnectUrl? url, out string? error))
        {
            Url = url;
            App?.RequestStop();
        }
        else
        {
            _error.Text = "! " + error;
        }
    }

    private void FillFromRecent()
    {
        if (Recent.Value is not int index || index < 0 || index >= _recent.Count)
        {
            return;
        }

        RecentHost h = _recent[index];
        _url.Text = "";
        _host.Text = h.Host;
        _port.Text = h.Port.ToString(CultureInfo.InvariantCulture);
        // A host whose secret is in a file gets it now; an unreadable file leaves the field empty, and says why.
        if (h.TryGetUrl(out QuickConnectUrl? url, out string? problem))
        {
            _secret.Text = url.Secret;
            _error.Text = "";
        }
        else
        {
            _secret.Text = "";
            _error.Text = "! " + problem;
        }
        _tls.Value = h.Tls ? CheckState.Checked : CheckState.UnChecked;
    }
}

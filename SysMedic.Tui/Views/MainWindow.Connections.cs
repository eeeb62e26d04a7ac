using SysMedic.Core.Protocol;
using SysMedic.Tui.Connection;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>File &gt; Connect and Disconnect: another connection takes over while the console runs.</summary>
public sealed partial class MainWindow
{
    /// <summary>Where the recent relays are kept; tests point it elsewhere.</summary>
    public string HostsFile { get; init; } = RecentHosts.DefaultPath();

    /// <summary>Asks for a relay and connects to it; the relay is remembered in <see cref="HostsFile"/>.</summary>
    public void OpenConnect()
    {
        if (_connection is not ConnectionSwitch connections || App is not { } app)
        {
            return;
        }

        QuickConnectUrl? url;
        using (var dialog = new ConnectDialog(RecentHosts.Load(HostsFile)))
        {
            dialog.SetScheme(Theme.ToScheme());
            app.Run(dialog);
            url = dialog.Url;
        }

        if (url is null)
        {
            return;
        }

        try
        {
            _ = RecentHosts.Remember(HostsFile, url, DateTimeOffset.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Connecting matters more than remembering: say so and go on.
            _ = MessageBox.ErrorQuery(app, "Recent hosts", $"{HostsFile}: {ex.Message}", "_OK");
        }

        connections.ConnectRemote(url);
    }

    /// <summary>Leaves the remote agent for the local doctor (or the embedded sampler).</summary>
    public void Disconnect()
    {
        if (_connection is ConnectionSwitch { Kind: ConnectionKind.Remote } connections)
        {
            connections.Disconnect();
        }
    }

    private void OnSwitched(object? sender, EventArgs e)
    {
        // Nothing of the previous host may stay on screen: charts, alerts and the moment shown start again.
        _alerts.Clear();
        _alertsFetched = DateTimeOffset.MinValue;
        _alertsInFlight = false;
        _historyFetched = DateTimeOffset.MinValue;
        _displayed = null;
        _lastState = _connection.State;
        Dashboard.Reset();
        ShowAlertLists();
        LoadChartHistory();
        Header.SetNeedsDraw();
        ShowScreen(Current);
    }
}

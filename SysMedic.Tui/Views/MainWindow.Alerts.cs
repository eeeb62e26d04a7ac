using SysMedic.Core.Alerts;
using SysMedic.Tui.Commands;
using SysMedic.Tui.Connection;
using SysMedic.Tui.State;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>Alerts: one list for the dashboard line and the Alerts screen, fed by requests and by the agent's pushes.</summary>
public sealed partial class MainWindow
{
    private static readonly TimeSpan AlertsRefresh = TimeSpan.FromSeconds(10);
    private readonly AlertCache _alerts = new();
    private bool _alertsInFlight;
    private DateTimeOffset _alertsFetched = DateTimeOffset.MinValue;

    /// <summary>Opens the resolution form for the alert selected on the Alerts screen (switching to it first).</summary>
    public void ResolveSelected()
    {
        if (Current != Screen.Alerts)
        {
            ShowScreen(Screen.Alerts);
        }

        if (Alerts.Table.Selected is { } alert)
        {
            OpenResolve(alert);
        }
        else
        {
            Alerts.SetNotice("no alert selected");
        }
    }

    /// <summary>Shows or hides resolved alerts on the Alerts screen.</summary>
    public void ToggleResolved()
    {
        if (Current != Screen.Alerts)
        {
            ShowScreen(Screen.Alerts);
        }

        Alerts.SetShowResolved(!Alerts.ShowResolved);
    }

    /// <summary>Asks for a note and a name, then resolves <paramref name="alert"/> through the connection and shows the outcome.</summary>
    public void OpenResolve(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (alert.IsResolved)
        {
            Alerts.SetNotice($"alert {alert.Id} is already resolved");
            return;
        }

        if (alert.Id <= 0)
        {
            Alerts.SetNotice("this alert is not stored yet (the agent's storage is unavailable); it can be resolved once it is");
            return;
        }

        if (!_connection.Features.HasFlag(ConnectionFeatures.Alerts) || App is not { } app)
        {
            return;
        }

        (string Note, string By)? resolution;
        using (var dialog = new ResolveAlertDialog(alert, AlertsCommand.LoginName()))
        {
            dialog.SetScheme(Theme.ToScheme());
            app.Run(dialog);
            resolution = dialog.Resolution;
        }

        if (resolution is not { } r)
        {
            return;
        }

        OnUiThread(_connection.ResolveAlertAsync(alert.Id, r.Note, r.By), t =>
        {
            if (t.IsCompletedSuccessfully && t.Result.Ok)
            {
                if (t.Result.Alert is { } resolved)
                {
                    _alerts.Remember(resolved);
                    ShowAlertLists();
                }

                Alerts.SetNotice(t.Result.Message);
                return;
            }

            string error = t.IsCompletedSuccessfully ? t.Result.Message : t.Exception?.InnerException?.Message ?? "request cancelled";
            Alerts.SetNotice("not resolved: " + error);
            _ = MessageBox.ErrorQuery(app, $"Resolve alert {alert.Id}", error, "_OK");
        });
    }

    private void RefreshAlerts(bool force)
    {
        // One request at a time, at most every AlertsRefresh unless asked: alerts change far less often than
        // snapshots, and the agent pushes every change anyway.
        // Not before the window runs: the answer comes back through App.Invoke, and without an App it would never
        // arrive, leaving the request "in flight" for good. OnIsRunningChanged asks again once running.
        DateTimeOffset now = DateTimeOffset.UtcNow;
        if (App is null || !_connection.Features.HasFlag(ConnectionFeatures.Alerts) || _alertsInFlight || (!force && now - _alertsFetched < AlertsRefresh))
        {
            return;
        }

        _alertsInFlight = true;
        _alertsFetched = now;
        bool all = Alerts.ShowResolved;
        _alerts.Asking();
        ISysMedicConnection asked = _connection is ConnectionSwitch s ? s.Current : _connection;
        OnUiThread(_connection.GetAlertsAsync(includeResolved: all), t =>
        {
            _alertsInFlight = false;
            if (_connection is ConnectionSwitch now && !ReferenceEquals(now.Current, asked))
            {
                return;
            }

            if (t.IsCompletedSuccessfully)
            {
                _alerts.Merge(t.Result, all);
                Alerts.SetLoadError("");
                ShowAlertLists();
            }
            else
            {
                string why = t.Exception?.InnerException?.Message ?? "request failed";
                Dashboard.SetAlertsText("Alerts: " + why);
                Alerts.SetLoadError(why);
            }
        });
    }

    private void ShowAlertLists()
    {
        IReadOnlyList<Alert> alerts = _alerts.All;
        if (Replaying is null)
        {
            Dashboard.ShowAlerts(alerts);
        }
        else
        {
            ShowReplayAlerts();
        }

        Alerts.Show(alerts);
    }

    private void OnAlertChanged(object? sender, Alert alert) => App?.Invoke(() =>
    {
        _alerts.Remember(alert);
        ShowAlertLists();
    });
}

using SysMedic.Core.Alerts;
using SysMedic.Core.Formatting;
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

    /// <summary>
    /// Resolves every tagged alert with one note: one request per alert (the protocol resolves one at a time), and
    /// the outcome of each above the table. Alerts already resolved, or not stored yet, are left out and said so.
    /// </summary>
    public void ResolveTagged()
    {
        IReadOnlyList<Alert> tagged = Alerts.Targets();
        if (ReadOnly)
        {
            Alerts.SetNotice(ProcessCommands.ReadOnlyNotice);
            return;
        }

        if (tagged.Count == 0 || !_connection.Features.HasFlag(ConnectionFeatures.Alerts) || App is not { } app)
        {
            return;
        }

        var skipped = tagged.Where(a => a.IsResolved || a.Id <= 0).Select(a => a.IsResolved ? $"{a.Id}: already resolved" : "an alert not stored yet").ToList();
        Alert[] open = [.. tagged.Where(a => !a.IsResolved && a.Id > 0)];
        if (open.Length == 0)
        {
            Alerts.SetNotice(string.Join("; ", skipped));
            return;
        }

        if (AskResolution(app, open) is not { } r)
        {
            return;
        }

        Task<ResolveResult>[] requests = [.. open.Select(a => _connection.ResolveAlertAsync(a.Id, r.Note, r.By))];
        OnUiThread(Task.WhenAll(requests).ContinueWith(_ => requests, TaskScheduler.Default), _ =>
        {
            var outcomes = new List<string>();
            for (int i = 0; i < open.Length; i++)
            {
                Task<ResolveResult> t = requests[i];
                if (t.IsCompletedSuccessfully && t.Result.Ok && t.Result.Alert is { } resolved)
                {
                    _alerts.Remember(resolved);
                }

                outcomes.Add(t.IsCompletedSuccessfully ? (t.Result.Ok ? $"{open[i].Id}: resolved" : $"{open[i].Id}: {t.Result.Message}") : $"{open[i].Id}: {t.Exception?.InnerException?.Message ?? "request cancelled"}");
            }

            Alerts.ClearTags();
            ShowAlertLists();
            Alerts.SetNotice(string.Join("; ", outcomes.Concat(skipped)));
        });
    }

    /// <summary>Asks for a note and a name, then resolves <paramref name="alert"/> through the connection and shows the outcome.</summary>
    public void OpenResolve(Alert alert)
    {
        ArgumentNullException.ThrowIfNull(alert);
        if (ReadOnly)
        {
            Alerts.SetNotice(ProcessCommands.ReadOnlyNotice);
            return;
        }

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

        if (AskResolution(app, [alert]) is not { } r)
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
            ShowModalLater(() => MessageBox.ErrorQuery(app, $"Resolve alert {alert.Id}", error, "_OK"));
        });
    }

    /// <summary>
    /// The resolution form for <paramref name="alerts"/> (one note for all): the note and who resolved them, or null
    /// when cancelled. <paramref name="host"/> names a fleet host in the title.
    /// </summary>
    private (string Note, string By)? AskResolution(Terminal.Gui.App.IApplication app, IReadOnlyList<Alert> alerts, string? host = null)
    {
        using var dialog = new ResolveAlertDialog(alerts, AlertsCommand.LoginName());
        if (host is not null)
        {
            dialog.Title = $"{SafeText.ForTerminal(host)}: {dialog.Title}";
        }

        dialog.SetScheme(Theme.ToScheme());
        app.Run(dialog);
        return dialog.Resolution;
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

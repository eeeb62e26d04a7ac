using SysMedic.Core.Formatting;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>The live feed: snapshots, pause, chart history and the drill-down request.</summary>
public sealed partial class MainWindow
{
    private static readonly TimeSpan HistoryRefresh = TimeSpan.FromSeconds(10);
    private DateTimeOffset _historyFetched = DateTimeOffset.MinValue;
    private Snapshot? _displayed;
    private ConnectionState _lastState = ConnectionState.Connecting;

    /// <summary>Pauses or resumes the live refresh; resuming shows the newest snapshot at once.</summary>
    public void TogglePause()
    {
        if (Replaying is not null)
        {
            ExitReplay();
            return;
        }

        Paused = !Paused;
        Header.SetPaused(Paused);

        // Resuming, an embedded sampler takes a fresh snapshot at once: it is shown below.
        _connection.SetDisplayPaused(Paused);
        if (!Paused)
        {
            LoadChartHistory();
            if (_connection.Latest is { } latest)
            {
                Apply(latest);
            }
        }
    }

    /// <summary>Shows <paramref name="snapshot"/> in the header and the visible screen.</summary>
    public void Apply(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _displayed = snapshot;
        Header.Show(snapshot);
        ApplyToScreen(snapshot);
    }

    /// <summary>Asks the connection for <paramref name="username"/>'s detail and opens the drill-down.</summary>
    public void OpenUser(string username)
    {
        RecordedMoment? moment = Replaying;
        OnUiThread(_connection.GetUserDetailAsync(username), t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                // Replaying, the processes are the ones recorded then; the history and episodes are the stored ones.
                ShowUser(moment is null ? t.Result : t.Result with { Processes = [.. moment.Snapshot.Processes.Where(p => p.User == username)] });
            }
            else if (App is { } app)
            {
                _ = MessageBox.ErrorQuery(app, "User " + SafeText.ForTerminal(username), t.Exception?.InnerException?.Message ?? "request cancelled", "_OK");
            }
        });
    }

    /// <summary>Opens the help dialog.</summary>
    public void OpenHelp()
    {
        using var help = new HelpDialog();
        help.SetScheme(Theme.ToScheme());
        App?.Run(help);
    }

    private void ShowUser(UserDetail detail)
    {
        using var dialog = new UserDetailDialog(_connection, detail);
        dialog.SetScheme(Theme.ToScheme());
        App?.Run(dialog);
    }

    private void LoadHistoryScreen(bool force)
    {
        // Stored history changes slowly; a new range is fetched at once, the same range at most every HistoryRefresh.
        DateTimeOffset now = DateTimeOffset.UtcNow;
        if (!force && now - _historyFetched < HistoryRefresh)
        {
            return;
        }

        _historyFetched = now;
        OnUiThread(History.Request(), t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                History.Show(t.Result.System, _displayed?.Timestamp ?? now);
            }
        });

        // The charts mark every alert raised in the range, resolved ones too.
        if (_connection.Features.HasFlag(ConnectionFeatures.Alerts))
        {
            OnUiThread(_connection.GetAlertsAsync(includeResolved: true), t =>
            {
                if (t.IsCompletedSuccessfully)
                {
                    History.ShowAlerts(t.Result);
                }
            });
        }
    }

    /// <summary>
    /// Runs <paramref name="then"/> on the UI thread once <paramref name="request"/> ends: at once when it already
    /// has (the embedded connection answers from memory), else through <c>Invoke</c> from the completing thread.
    /// </summary>
    private void OnUiThread<T>(Task<T> request, Action<Task<T>> then)
    {
        if (request.IsCompleted)
        {
            then(request);
            return;
        }

        _ = request.ContinueWith(t => App?.Invoke(() => then(t)), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
    }

    private void ApplyToScreen(Snapshot snapshot)
    {
        // Hidden screens are not touched: they cost nothing until shown, and ShowScreen fills them then.
        switch (Current)
        {
            case Screen.Dashboard:
                Dashboard.Show(snapshot);
                RefreshAlerts(force: false);
                break;
            case Screen.Users:
                Users.Show(snapshot);
                break;
            case Screen.Processes:
                Processes.Show(snapshot);
                break;
            case Screen.Alerts:
                RefreshAlerts(force: false);
                break;
            case Screen.History:
                LoadHistoryScreen(force: false);
                break;
            default:
                break;
        }
    }

    private void OnSnapshotReceived(object? sender, Snapshot snapshot) => App?.Invoke(() =>
    {
        if (!Frozen)
        {
            Apply(snapshot);
        }
    });

    private void OnStateChanged(object? sender, EventArgs e) => App?.Invoke(() =>
    {
        Header.SetNeedsDraw();

        // Back after a break: the charts get what the agent stored meanwhile, the alerts what was raised.
        ConnectionState state = _connection.State;
        if (state == ConnectionState.Connected && _lastState != ConnectionState.Connected)
        {
            LoadChartHistory();
            RefreshAlerts(force: true);
        }

        _lastState = state;
    });

    private void LoadChartHistory()
    {
        OnUiThread(_connection.GetHistoryAsync(new HistoryQuery(DashboardView.ChartWindow)), t =>
        {
            if (t.IsCompletedSuccessfully)
            {
                Dashboard.Seed(t.Result.System);
            }
        });
    }
}

using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;

namespace SysMedic.Tui.Views;

/// <summary>The live feed: snapshots, pause, chart history and the drill-down request.</summary>
public sealed partial class MainWindow
{
    /// <summary>Pauses or resumes the live refresh; resuming shows the newest snapshot at once.</summary>
    public void TogglePause()
    {
        Paused = !Paused;
        Header.SetPaused(Paused);
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
        Header.Show(snapshot);
        ApplyToScreen(snapshot);
    }

    /// <summary>Asks the connection for <paramref name="username"/>'s detail and opens the drill-down.</summary>
    public void OpenUser(string username)
    {
        Task<UserDetail> request = _connection.GetUserDetailAsync(username);
        if (request.IsCompletedSuccessfully)
        {
            ShowUser(request.Result);
            return;
        }

        _ = request.ContinueWith(t => App?.Invoke(() => ShowUser(t.Result)), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
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

    private void ApplyToScreen(Snapshot snapshot)
    {
        // Hidden screens are not touched: they cost nothing until shown, and ShowScreen fills them then.
        switch (Current)
        {
            case Screen.Dashboard:
                Dashboard.Show(snapshot);
                break;
            case Screen.Users:
                Users.Show(snapshot);
                break;
            case Screen.Processes:
                Processes.Show(snapshot);
                break;
            default:
                break;
        }
    }

    private void OnSnapshotReceived(object? sender, Snapshot snapshot) => App?.Invoke(() =>
    {
        if (!Paused)
        {
            Apply(snapshot);
        }
    });

    private void OnStateChanged(object? sender, EventArgs e) => App?.Invoke(() => Header.SetNeedsDraw());

    private void LoadChartHistory()
    {
        Task<HistoryResult> request = _connection.GetHistoryAsync(new HistoryQuery(DashboardView.ChartWindow));
        if (request.IsCompletedSuccessfully)
        {
            Dashboard.Seed(request.Result.System);
            return;
        }

        _ = request.ContinueWith(t => App?.Invoke(() => Dashboard.Seed(t.Result.System)), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
    }
}

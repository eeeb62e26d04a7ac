using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;
using SysMedic.Tui.State;
using SysMedic.Tui.Views.Charts;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// One user's drill-down: thresholds, persistent episodes, CPU and memory charts with the threshold line, and their
/// processes (sortable, filterable, as a tree with <c>e</c>, signal and nice with F9, F7, F8). It opens at once and
/// fills in when the connection's answer comes; it follows the live feed while open; Esc or q closes it.
/// </summary>
public sealed class UserDetailDialog : Dialog
{
    private readonly ISysMedicConnection _connection;
    private readonly string _username;
    private readonly UserSeries _series;
    private readonly Label _info;
    private readonly Snapshot? _moment;
    private UserDetail? _detail;

    /// <summary>The drill-down of <paramref name="username"/>, filled from <paramref name="detail"/> when it completes.</summary>
    /// <remarks>With <paramref name="moment"/> (a replayed check) it shows that moment's processes and does not follow the live feed.</remarks>
    public UserDetailDialog(ISysMedicConnection connection, string username, Task<UserDetail> detail, bool readOnly = false, ConsoleTheme? theme = null, Snapshot? moment = null)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(detail);
        _connection = connection;
        _username = username;
        _moment = moment;
        _series = new UserSeries(username, ChartWindows.Live);
        Title = "User " + SafeText.ForTerminal(username);
        Width = Dim.Percent(96);
        Height = Dim.Percent(96);

        _info = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 2, Text = "loading…" };
        Cpu = new MetricPanel("CPU") { X = 0, Y = 2, Width = Dim.Percent(50), Height = 7 };
        Memory = new MetricPanel("Memory") { X = Pos.Right(Cpu), Y = 2, Width = Dim.Fill(), Height = 7 };
        Processes = new ProcessesView(username) { X = 0, Y = Pos.Bottom(Cpu), Width = Dim.Fill(), Height = Dim.Fill(1) };
        Commands = new ProcessCommands(Processes, connection, () => readOnly, () => theme ?? ConsoleTheme.Dark);
        Add(_info, Cpu, Memory, Processes);
        var close = new Button { Text = "_Close", IsDefault = true };
        close.Accepting += (_, e) =>
        {
            App?.RequestStop();
            e.Handled = true;
        };
        AddButton(close);
        if ((moment ?? connection.Latest) is { } first)
        {
            Show(first);
        }

        if (moment is null)
        {
            connection.SnapshotReceived += OnSnapshotReceived;
        }
        if (detail.IsCompleted)
        {
            Fill(detail);
        }
        else
        {
            _ = detail.ContinueWith(t => App?.Invoke(() => Fill(t)), CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default);
        }
    }

    /// <summary>The user's CPU chart.</summary>
    public MetricPanel Cpu { get; }

    /// <summary>The user's memory chart.</summary>
    public MetricPanel Memory { get; }

    /// <summary>The user's processes.</summary>
    public ProcessesView Processes { get; }

    /// <summary>Signal and nice on the user's processes.</summary>
    public ProcessCommands Commands { get; }

    /// <summary>Shows the user's figures and processes from <paramref name="snapshot"/>.</summary>
    public void Show(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _ = _series.Add(snapshot);
        Processes.Show([.. snapshot.Processes.Where(p => p.User == _username)]);
        ShowFigures(snapshot.Timestamp);
    }

    protected override bool OnKeyDown(Key key)
    {
        if (key == Key.Esc && Processes.HandleEscape())
        {
            return true;
        }

        if (key == Key.Q && !Processes.IsEditingFilter)
        {
            App?.RequestStop();
            return true;
        }

        return base.OnKeyDown(key);
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _connection.SnapshotReceived -= OnSnapshotReceived;
        }

        base.Dispose(disposing);
    }

    private void Fill(Task<UserDetail> answer)
    {
        if (!answer.IsCompletedSuccessfully)
        {
            _info.Text = "could not read the user's detail: " + (answer.Exception?.InnerException?.Message ?? "request cancelled");
            return;
        }

        UserDetail detail = answer.Result;
        _detail = detail;
        Cpu.Chart.Threshold = detail.Threshold.CpuPercent;
        Memory.Chart.Threshold = detail.Threshold.MemoryPercent;
        _series.Seed(detail.History);
        if (_connection.Latest is null && _moment is null)
        {
            Processes.Show(detail.Processes);
        }

        _info.Text = InfoText(detail);
        ShowFigures(null);
    }

    private void OnSnapshotReceived(object? sender, Snapshot snapshot) => App?.Invoke(() => Show(snapshot));

    private string InfoText(UserDetail detail)
    {
        string custom = detail.HasCustomThreshold ? "custom" : "default";
        string threshold = string.Create(CultureInfo.InvariantCulture, $"Threshold ({custom}): CPU {Units.Percent(detail.Threshold.CpuPercent)}, memory {Units.Percent(detail.Threshold.MemoryPercent)}");
        string episodes = !_connection.Features.HasFlag(ConnectionFeatures.StoredHistory)
            ? "Persistent episodes: " + AgentRequiredException.Hint
            : detail.Episodes.Count == 0
                ? "Persistent episodes: none"
                : "Persistent episodes: " + string.Join("; ", detail.Episodes.Take(3).Select(Episode));
        return threshold + "\n" + episodes;
    }

    private static string Episode(PersistentEpisode e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Start.UtcDateTime:MM-dd HH:mm}-{(e.End is { } end ? end.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture) : "now")} {SafeText.ForTerminal(e.Reason)}");

    private void ShowFigures(DateTimeOffset? now)
    {
        UserPoint? last = _series.Latest;
        Cpu.SetText(last is { } c ? Units.Percent(c.CpuPercent) : "", "last 5 minutes");
        Memory.SetText(last is { } m ? Units.Percent(m.MemoryPercent) : "", "last 5 minutes");
        DateTimeOffset end = now ?? (last?.Timestamp ?? DateTimeOffset.UtcNow);
        Cpu.Chart.SetValues(ChartBuckets.Average(_series.Points, p => p.Timestamp, p => p.CpuPercent, end, ChartWindows.Live, Math.Max(10, Cpu.Chart.Viewport.Width)));
        Memory.Chart.SetValues(ChartBuckets.Average(_series.Points, p => p.Timestamp, p => p.MemoryPercent, end, ChartWindows.Live, Math.Max(10, Memory.Chart.Viewport.Width)));
    }
}

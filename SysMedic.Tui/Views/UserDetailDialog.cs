using System.Globalization;
using SysMedic.Core.Formatting;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views.Charts;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// One user's drill-down: thresholds, persistent episodes, CPU and memory charts with the threshold line, and their
/// processes (sortable, filterable). It follows the live feed while open; Esc or q closes it.
/// </summary>
public sealed class UserDetailDialog : Dialog
{
    private readonly ISysMedicConnection _connection;
    private readonly UserDetail _detail;
    private readonly List<UserPoint> _points;

    public UserDetailDialog(ISysMedicConnection connection, UserDetail detail)
    {
        ArgumentNullException.ThrowIfNull(connection);
        ArgumentNullException.ThrowIfNull(detail);
        _connection = connection;
        _detail = detail;
        _points = [.. detail.History];
        Title = "User " + SafeText.ForTerminal(detail.Username);
        Width = Dim.Percent(96);
        Height = Dim.Percent(96);

        var info = new Label { X = 0, Y = 0, Width = Dim.Fill(), Height = 2, Text = InfoText() };
        Cpu = new MetricPanel("CPU") { X = 0, Y = 2, Width = Dim.Percent(50), Height = 7 };
        Memory = new MetricPanel("Memory") { X = Pos.Right(Cpu), Y = 2, Width = Dim.Fill(), Height = 7 };
        Cpu.Chart.Threshold = detail.Threshold.CpuPercent;
        Memory.Chart.Threshold = detail.Threshold.MemoryPercent;
        Processes = new ProcessesView(detail.Username) { X = 0, Y = Pos.Bottom(Cpu), Width = Dim.Fill(), Height = Dim.Fill(1) };
        Processes.Show(detail.Processes);
        Add(info, Cpu, Memory, Processes);
        var close = new Button { Text = "_Close", IsDefault = true };
        close.Accepting += (_, e) =>
        {
            App?.RequestStop();
            e.Handled = true;
        };
        AddButton(close);
        ShowFigures(null);
        connection.SnapshotReceived += OnSnapshotReceived;
    }

    /// <summary>The user's CPU chart.</summary>
    public MetricPanel Cpu { get; }

    /// <summary>The user's memory chart.</summary>
    public MetricPanel Memory { get; }

    /// <summary>The user's processes.</summary>
    public ProcessesView Processes { get; }

    /// <summary>Shows the user's figures from <paramref name="snapshot"/>.</summary>
    public void Show(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        UserUsage? user = snapshot.Users.FirstOrDefault(u => u.Username == _detail.Username);
        if (user is not null && (_points.Count == 0 || _points[^1].Timestamp < snapshot.Timestamp))
        {
            _points.Add(new UserPoint(snapshot.Timestamp, user.CpuPercent, user.MemoryPercent));
        }

        Processes.Show([.. snapshot.Processes.Where(p => p.User == _detail.Username)]);
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

    private void OnSnapshotReceived(object? sender, Snapshot snapshot) => App?.Invoke(() => Show(snapshot));

    private string InfoText()
    {
        string custom = _detail.HasCustomThreshold ? "custom" : "default";
        string threshold = string.Create(CultureInfo.InvariantCulture, $"Threshold ({custom}): CPU {Units.Percent(_detail.Threshold.CpuPercent)}, memory {Units.Percent(_detail.Threshold.MemoryPercent)}");
        string episodes = !_connection.Features.HasFlag(ConnectionFeatures.StoredHistory)
            ? "Persistent episodes: " + AgentRequiredException.Hint
            : _detail.Episodes.Count == 0
                ? "Persistent episodes: none"
                : "Persistent episodes: " + string.Join("; ", _detail.Episodes.Take(3).Select(Episode));
        return threshold + "\n" + episodes;
    }

    private static string Episode(PersistentEpisode e) =>
        string.Create(CultureInfo.InvariantCulture, $"{e.Start.UtcDateTime:MM-dd HH:mm}-{(e.End is { } end ? end.UtcDateTime.ToString("HH:mm", CultureInfo.InvariantCulture) : "now")} {SafeText.ForTerminal(e.Reason)}");

    private void ShowFigures(DateTimeOffset? now)
    {
        UserPoint? last = _points.Count > 0 ? _points[^1] : null;
        Cpu.SetText(last is { } c ? Units.Percent(c.CpuPercent) : "", "last 5 minutes");
        Memory.SetText(last is { } m ? Units.Percent(m.MemoryPercent) : "", "last 5 minutes");
        DateTimeOffset end = now ?? (last?.Timestamp ?? DateTimeOffset.UtcNow);
        int columns = Math.Max(10, Cpu.Chart.Viewport.Width);
        Cpu.Chart.SetValues(ChartBuckets.Average(_points, p => p.Timestamp, p => p.CpuPercent, end, DashboardView.ChartWindow, columns));
        Memory.Chart.SetValues(ChartBuckets.Average(_points, p => p.Timestamp, p => p.MemoryPercent, end, DashboardView.ChartWindow, Math.Max(10, Memory.Chart.Viewport.Width)));
    }
}

using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views.Tables;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// The home screen: CPU, memory, disk, network and load panels with charts of the last minutes, the users table,
/// the top processes and the latest unresolved alerts.
/// </summary>
public sealed partial class DashboardView : View
{
    /// <summary>How far back the panel charts reach.</summary>
    public static readonly TimeSpan ChartWindow = ChartWindows.Live;

    // Three lines of figures over each chart: the Memory panel has swap on its third.
    private const int DetailLines = 3;

    private readonly ISysMedicConnection _connection;
    private readonly List<SystemPoint> _points = [];
    private readonly BoxPanel _usersFrame;
    private readonly BoxPanel _processesFrame;
    private readonly TextBlock _alerts;

    public DashboardView(ISysMedicConnection connection)
    {
        _connection = connection;
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();

        Cpu = new MetricPanel("CPU", DetailLines) { X = 0, Y = 0, Width = Dim.Percent(20), Height = Dim.Percent(45) };
        Memory = new MetricPanel("Memory", DetailLines) { X = Pos.Right(Cpu), Y = 0, Width = Dim.Percent(20), Height = Dim.Height(Cpu) };
        Disk = new MetricPanel("Disk", DetailLines) { X = Pos.Right(Memory), Y = 0, Width = Dim.Percent(20), Height = Dim.Height(Cpu) };
        Network = new MetricPanel("Net", DetailLines) { X = Pos.Right(Disk), Y = 0, Width = Dim.Percent(20), Height = Dim.Height(Cpu) };
        Load = new MetricPanel("Load", DetailLines) { X = Pos.Right(Network), Y = 0, Width = Dim.Fill(), Height = Dim.Height(Cpu) };
        Network.Chart.AutoScale = true;
        Network.Chart.Maximum = 1024;
        Load.Chart.AutoScale = true;

        Users = new SortedTable<UserUsage>(UserColumns.Compact, UserColumns.Key, UserColumns.Cpu);
        Processes = new SortedTable<ProcessUsage>(ProcessColumns.Compact, ProcessColumns.Key, ProcessColumns.CompactCpu, ProcessColumns.ByPid);
        _usersFrame = new BoxPanel("Users (F2)") { X = 0, Y = Pos.Bottom(Cpu), Width = Dim.Percent(45), Height = Dim.Fill(1) };
        _processesFrame = new BoxPanel("Top processes (F4)") { X = Pos.Right(_usersFrame), Y = Pos.Bottom(Cpu), Width = Dim.Fill(), Height = Dim.Fill(1) };
        _usersFrame.Hold(Users);
        _processesFrame.Hold(Processes);
        _alerts = new TextBlock { X = 0, Y = Pos.AnchorEnd(1), Width = Dim.Fill(), Height = 1, Content = AlertsPlaceholder() };
        Add(Cpu, Memory, Disk, Network, Load, _usersFrame, _processesFrame, _alerts);
        Users.RowOpened += (_, user) => UserOpened?.Invoke(this, user.Username);
    }

    /// <summary>Enter on a user row.</summary>
    public event EventHandler<string>? UserOpened;

    public MetricPanel Cpu { get; }

    public MetricPanel Memory { get; }

    public MetricPanel Disk { get; }

    public MetricPanel Network { get; }

    public MetricPanel Load { get; }

    /// <summary>The users table.</summary>
    public SortedTable<UserUsage> Users { get; }

    /// <summary>The top processes table.</summary>
    public SortedTable<ProcessUsage> Processes { get; }

    /// <summary>The alerts line's text.</summary>
    public string AlertsText => _alerts.Content;

    /// <summary>Replaces the chart history with <paramref name="points"/> (oldest first), as an agent's history gives it.</summary>
    public void Seed(IReadOnlyList<SystemPoint> points)
    {
        ArgumentNullException.ThrowIfNull(points);
        DateTimeOffset newest = _points.Count > 0 ? _points[^1].Timestamp : DateTimeOffset.MaxValue;
        var merged = points.Where(p => p.Timestamp < newest).ToList();
        merged.AddRange(_points);
        _points.Clear();
        _points.AddRange(merged);
        if (_connection.Latest is { } latest)
        {
            DrawCharts(latest.Timestamp);
        }
    }

    /// <summary>Forgets the chart history and the tables (another host is shown next).</summary>
    public void Reset()
    {
        _points.Clear();
        Users.SetRows([]);
        Processes.SetRows([]);
        SetAlertsText(AlertsPlaceholder());
    }

    /// <summary>Shows <paramref name="snapshot"/>: figures, charts and tables.</summary>
    public void Show(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        SystemUsage s = snapshot.System;
        if (_points.Count == 0 || _points[^1].Timestamp < snapshot.Timestamp)
        {
            _points.Add(new SystemPoint(snapshot.Timestamp, s.CpuPercent, s.MemoryPercent, s.DiskPercent, s.NetworkRxBytesPerSec, s.NetworkTxBytesPerSec, s.LoadAvg1));
        }

        DateTimeOffset oldest = snapshot.Timestamp - ChartWindow;
        _points.RemoveAll(p => p.Timestamp < oldest);
        ShowFigures(s, snapshot.Processes.Count, snapshot.Processes.Sum(p => (long)p.Threads));
        DrawCharts(snapshot.Timestamp);
        Users.SetRows(snapshot.Users);
        Processes.SetRows(snapshot.Processes);
        _usersFrame.Caption = snapshot.Users.Count == 0 ? "Users: none (system accounts hidden)" : $"Users ({snapshot.Users.Count}) F2";
        _processesFrame.Caption = $"Top of {snapshot.Processes.Count} processes F4";
    }

    /// <summary>Sets the alerts line.</summary>
    public void SetAlertsText(string text) => _alerts.Content = text;

    private string AlertsPlaceholder() => _connection.Features.HasFlag(ConnectionFeatures.Alerts)
        ? "Alerts: loading"
        : "Alerts: " + AgentRequiredException.Hint;
}

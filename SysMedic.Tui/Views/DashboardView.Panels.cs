using SysMedic.Core.Formatting;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views.Charts;

namespace SysMedic.Tui.Views;

/// <summary>The five panels: their figures and charts.</summary>
public sealed partial class DashboardView
{
    /// <summary>Uses <paramref name="theme"/>'s bar and alarm colours in every chart.</summary>
    public void SetChartColours(ConsoleTheme theme)
    {
        ArgumentNullException.ThrowIfNull(theme);
        foreach (MetricPanel panel in new[] { Cpu, Memory, Disk, Network, Load })
        {
            panel.Chart.BarColor = theme.Bar;
            panel.Chart.AlarmColor = theme.Alarm;
            panel.Chart.SetNeedsDraw();
        }
    }

    private void ShowFigures(SystemUsage s)
    {
        Cpu.SetText(Units.Percent(s.CpuPercent), $"{s.CpuCount} CPUs\n{s.ProcsRunning} running");
        Memory.SetText(Units.Percent(s.MemoryPercent), $"{Units.Bytes(s.MemoryUsedBytes)} of\n{Units.Bytes(s.MemoryTotalBytes)}");
        Disk.SetText(Units.Percent(s.DiskPercent), $"{Units.Bytes(s.DiskUsedBytes)} of\n{Units.Bytes(s.DiskTotalBytes)}");
        Network.SetText("", $"rx {Units.Rate(s.NetworkRxBytesPerSec)}\ntx {Units.Rate(s.NetworkTxBytesPerSec)}");
        Load.SetText(Units.Number(s.LoadAvg1), $"{Units.Number(s.LoadAvg5)} {Units.Number(s.LoadAvg15)}\n5m 15m, {s.CpuCount} CPUs");
        Cpu.Chart.Threshold = _connection.Thresholds.SystemCpuPercent;
        Memory.Chart.Threshold = _connection.Thresholds.SystemMemoryPercent;
        Load.Chart.Threshold = s.CpuCount;
        Load.Chart.Maximum = s.CpuCount;
    }

    private void DrawCharts(DateTimeOffset now)
    {
        Fill(Cpu, p => p.CpuPercent, now);
        Fill(Memory, p => p.MemoryPercent, now);
        Fill(Disk, p => p.DiskPercent, now);
        Fill(Network, p => p.NetworkRxBytesPerSec + p.NetworkTxBytesPerSec, now);
        Fill(Load, p => p.LoadAvg1, now);
    }

    private void Fill(MetricPanel panel, Func<SystemPoint, double> value, DateTimeOffset now)
    {
        // Before the first layout the chart has no width yet; the next snapshot fills it.
        int columns = panel.Chart.Viewport.Width;
        if (columns <= 0)
        {
            columns = 60;
        }

        panel.Chart.SetValues(ChartBuckets.Average(_points, p => p.Timestamp, value, now, ChartWindow, columns));
    }
}

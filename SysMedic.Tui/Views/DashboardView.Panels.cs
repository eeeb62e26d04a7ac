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

    // "stall 2.5%": the share of the interval some task waited for the resource (pressure stall information); none
    // without /proc/pressure. In the panels whose phrases are joined by spaces a "·" keeps it apart ("no swap · stall").
    private static string[] Stall(PressureUsage? pressure, string what = "") =>
        pressure is null ? [] : [$"{what}stall {Units.Number(pressure.SomePercent, 1)}%"];

    private static string Lay(MetricPanel panel, string separator, params string[] phrases) =>
        PanelText.Lay(panel.DetailWidth, panel.DetailLines, separator, phrases);

    private void ShowFigures(SystemUsage s, int tasks, long threads)
    {
        // Whole phrases, as many to a line as the panel's width takes: a figure is never parted from its label.
        // Pressure last: where the panel has no room for it, it is the phrase left out.
        Cpu.SetText(Units.Percent(s.CpuPercent), Lay(Cpu, ", ", [$"{s.CpuCount} CPUs", $"{s.ProcsRunning} running", $"{tasks} tasks", $"{threads} thr", .. Stall(s.Pressure?.Cpu)]));
        string[] swap = s.SwapTotalBytes > 0 ? [$"swap {Units.Bytes(s.SwapUsedBytes)}", $"of {Units.Bytes(s.SwapTotalBytes)}"] : ["no swap"];
        Memory.SetText(Units.Percent(s.MemoryPercent), Lay(Memory, " ", [Units.Bytes(s.MemoryUsedBytes), $"of {Units.Bytes(s.MemoryTotalBytes)}", .. swap, .. Stall(s.Pressure?.Memory, "· ")]));
        Disk.SetText(Units.Percent(s.DiskPercent), Lay(Disk, " ", [Units.Bytes(s.DiskUsedBytes), $"of {Units.Bytes(s.DiskTotalBytes)}", .. Stall(s.Pressure?.Io, "· io ")]));
        Network.SetText("", Lay(Network, ", ", $"rx {Units.Rate(s.NetworkRxBytesPerSec)}", $"tx {Units.Rate(s.NetworkTxBytesPerSec)}"));
        Load.SetText(Units.Number(s.LoadAvg1), Lay(Load, ", ", $"5m {Units.Number(s.LoadAvg5)}", $"15m {Units.Number(s.LoadAvg15)}", $"{s.CpuCount} CPUs"));
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

using SysMedic.Core.Formatting;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views.Charts;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// F5: the system's CPU, memory, load and network over a chosen range (1 h to 30 d), read from the connection's
/// history. Left/Right or 1-5 pick the range. The embedded connection only has what it has seen since it started.
/// </summary>
public sealed class HistoryView : View
{
    /// <summary>The ranges offered, shortest first.</summary>
    public static readonly (string Label, TimeSpan Span)[] Ranges =
    [
        ("1h", TimeSpan.FromHours(1)),
        ("6h", TimeSpan.FromHours(6)),
        ("24h", TimeSpan.FromHours(24)),
        ("7d", TimeSpan.FromDays(7)),
        ("30d", TimeSpan.FromDays(30)),
    ];

    private readonly ISysMedicConnection _connection;
    private readonly TextBlock _bar;
    private IReadOnlyList<SystemPoint> _points = [];
    private DateTimeOffset _now;

    public HistoryView(ISysMedicConnection connection)
    {
        _connection = connection;
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        _bar = new TextBlock { X = 0, Y = 0, Width = Dim.Fill(), Height = 1 };
        Cpu = new MetricPanel("CPU %") { X = 0, Y = 1, Width = Dim.Percent(50), Height = Dim.Percent(50) };
        Memory = new MetricPanel("Memory %") { X = Pos.Right(Cpu), Y = 1, Width = Dim.Fill(), Height = Dim.Height(Cpu) };
        Load = new MetricPanel("Load") { X = 0, Y = Pos.Bottom(Cpu), Width = Dim.Percent(50), Height = Dim.Fill() };
        Network = new MetricPanel("Network rx+tx") { X = Pos.Right(Load), Y = Pos.Bottom(Cpu), Width = Dim.Fill(), Height = Dim.Fill() };
        Load.Chart.AutoScale = true;
        Network.Chart.AutoScale = true;
        Network.Chart.Maximum = 1024;
        Add(_bar, Cpu, Memory, Load, Network);
        // The first answer can arrive before the charts have a size: draw again once they have one.
        Cpu.Chart.ViewportChanged += (_, _) => Redraw();
        Load.Chart.ViewportChanged += (_, _) => Redraw();
        UpdateBar();
    }

    /// <summary>Index into <see cref="Ranges"/> of the range shown.</summary>
    public int RangeIndex { get; private set; }

    public MetricPanel Cpu { get; }

    public MetricPanel Memory { get; }

    public MetricPanel Load { get; }

    public MetricPanel Network { get; }

    /// <summary>The line above the charts.</summary>
    public string BarText => _bar.Content;

    /// <summary>Asks the connection for the chosen range.</summary>
    public Task<HistoryResult> Request() => _connection.GetHistoryAsync(new HistoryQuery(Ranges[RangeIndex].Span));

    /// <summary>Raised when the user picks another range.</summary>
    public event EventHandler? RangeChanged;

    /// <summary>Draws <paramref name="points"/> (oldest first) over the chosen range ending at <paramref name="now"/>.</summary>
    public void Show(IReadOnlyList<SystemPoint> points, DateTimeOffset now)
    {
        _points = points;
        _now = now;
        Redraw();
    }

    private void Redraw()
    {
        DateTimeOffset now = _now;
        if (now == default)
        {
            return;
        }

        TimeSpan window = Ranges[RangeIndex].Span;
        // "max" is the highest peak the agent kept: a bucket's average hides it, more so the longer the range.
        Fill(Cpu, p => p.CpuPercent, now, window, Units.Percent, p => p.CpuPeakPercent ?? p.CpuPercent);
        Fill(Memory, p => p.MemoryPercent, now, window, Units.Percent, p => p.MemoryPeakPercent ?? p.MemoryPercent);
        Fill(Load, p => p.LoadAvg1, now, window, v => Units.Number(v));
        Fill(Network, p => p.NetworkRxBytesPerSec + p.NetworkTxBytesPerSec, now, window, Units.Rate);

        // Load is drawn against the CPU count, as on the dashboard: a full column is a load of one per CPU.
        int cpus = Math.Max(1, _connection.Latest?.System.CpuCount ?? _connection.Host.CpuCount);
        Load.Chart.Maximum = cpus;
        Load.Chart.Threshold = cpus;
        Cpu.Chart.Threshold = _connection.Thresholds.SystemCpuPercent;
        Memory.Chart.Threshold = _connection.Thresholds.SystemMemoryPercent;
        UpdateBar();
    }

    /// <summary>Picks range <paramref name="index"/> (0 = 1 h).</summary>
    public void SelectRange(int index)
    {
        RangeIndex = Math.Clamp(index, 0, Ranges.Length - 1);
        UpdateBar();
        RangeChanged?.Invoke(this, EventArgs.Empty);
    }

    protected override bool OnKeyDown(Key key)
    {
        if (key == Key.CursorLeft || key == Key.CursorRight)
        {
            SelectRange(RangeIndex + (key == Key.CursorLeft ? -1 : 1));
            return true;
        }

        int digit = key.AsRune.Value - '1';
        if (digit >= 0 && digit < Ranges.Length)
        {
            SelectRange(digit);
            return true;
        }

        return base.OnKeyDown(key);
    }

    private void Fill(MetricPanel panel, Func<SystemPoint, double> value, DateTimeOffset now, TimeSpan window, Func<double, string> format, Func<SystemPoint, double>? peak = null)
    {
        DateTimeOffset start = now - window;
        peak ??= value;
        // NaN is a figure the source does not have (an older agent sends CPU and memory only).
        SystemPoint[] inRange = [.. _points.Where(p => p.Timestamp >= start && !double.IsNaN(value(p)))];
        string none = _points.Count > 0 && _points.All(p => double.IsNaN(value(p))) ? "not in the stored history" : "no data in this range";
        panel.SetText("", inRange.Length == 0 ? none : $"avg {format(inRange.Average(value))}\nmax {format(inRange.Max(peak))}");
        int columns = Math.Max(10, panel.Chart.Viewport.Width);
        panel.Chart.SetValues(ChartBuckets.Average(_points, p => p.Timestamp, value, now, window, columns));
    }

    private void UpdateBar()
    {
        string ranges = string.Join(" ", Ranges.Select((r, i) => i == RangeIndex ? $"[{r.Label}]" : r.Label));
        string source = _connection.Features.HasFlag(ConnectionFeatures.StoredHistory)
            ? ""
            : $"  embedded: since start only, {_points.Count} points; the rest " + AgentRequiredException.Hint;
        _bar.Content = $"Range {ranges} (←/→ 1-5){source}";
    }
}

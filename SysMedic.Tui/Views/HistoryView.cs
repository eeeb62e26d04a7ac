using System.Globalization;
using SysMedic.Core.Alerts;
using SysMedic.Core.Formatting;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views.Charts;
using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// F5: the system's CPU, memory, load and network over a chosen range (1 h to 30 d), read from the connection's
/// history, with a ▼ over each alert raised. 1-5 pick the range. Left/Right move a cursor one column, <c>[</c>/<c>]</c>
/// one hour, a click puts it on a column; the bar says the figures under it and Enter asks to replay that moment
/// (<see cref="ReplayRequested"/>); <c>g</c> asks for a time to go to (<see cref="GoToRequested"/>). The embedded
/// connection only has what it has seen since it started.
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
    private IReadOnlyList<Alert> _alerts = [];
    private DateTimeOffset _now;
    private DateTimeOffset? _cursor;
    private string _notice = "";

    public HistoryView(ISysMedicConnection connection)
    {
        _connection = connection;
        CanFocus = true;
        Width = Dim.Fill();
        Height = Dim.Fill();
        // Two lines: the range and the cursor, then what the source lacks or the last replay's outcome.
        _bar = new TextBlock { X = 0, Y = 0, Width = Dim.Fill(), Height = 2 };
        Cpu = new MetricPanel("CPU %") { X = 0, Y = 2, Width = Dim.Percent(50), Height = Dim.Percent(50) };
        Memory = new MetricPanel("Memory %") { X = Pos.Right(Cpu), Y = 2, Width = Dim.Fill(), Height = Dim.Height(Cpu) };
        Load = new MetricPanel("Load") { X = 0, Y = Pos.Bottom(Cpu), Width = Dim.Percent(50), Height = Dim.Fill() };
        Network = new MetricPanel("Network rx+tx") { X = Pos.Right(Load), Y = Pos.Bottom(Cpu), Width = Dim.Fill(), Height = Dim.Fill() };
        Load.Chart.AutoScale = true;
        Network.Chart.AutoScale = true;
        Network.Chart.Maximum = 1024;
        Add(_bar, Cpu, Memory, Load, Network);
        // The first answer can arrive before the charts have a size: draw again once they have one.
        Cpu.Chart.ViewportChanged += (_, _) => Redraw();
        Load.Chart.ViewportChanged += (_, _) => Redraw();
        foreach (MetricPanel panel in (MetricPanel[])[Cpu, Memory, Load, Network])
        {
            panel.Chart.ColumnClicked += (_, column) => PlaceCursor(ColumnTime(column));
        }

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

    /// <summary>Enter on the cursor: the moment to replay.</summary>
    public event EventHandler<DateTimeOffset>? ReplayRequested;

    /// <summary><c>g</c>: the user wants to type a time.</summary>
    public event EventHandler? GoToRequested;

    /// <summary>The time under the cursor, or null when there is none.</summary>
    public DateTimeOffset? CursorTime => _cursor;

    /// <summary>Says <paramref name="notice"/> at the end of the bar until the cursor moves.</summary>
    public void SetNotice(string notice)
    {
        _notice = notice;
        UpdateBar();
    }

    /// <summary>Marks the alerts (not recoveries) raised in the range on the chart of their metric.</summary>
    public void ShowAlerts(IReadOnlyList<Alert> alerts)
    {
        ArgumentNullException.ThrowIfNull(alerts);
        _alerts = alerts;
        Redraw();
    }

    /// <summary>
    /// Puts the cursor on <paramref name="at"/>, choosing the shortest range that holds it when the one shown does
    /// not; null removes it.
    /// </summary>
    public void PlaceCursor(DateTimeOffset? at)
    {
        if (at is { } t && _now != default && _now - t > Ranges[RangeIndex].Span)
        {
            int fits = Array.FindIndex(Ranges, r => r.Span >= _now - t);
            SelectRange(fits < 0 ? Ranges.Length - 1 : fits);
        }

        _cursor = at is { } c && _now != default ? Clamp(c) : at;
        _notice = "";
        Redraw();
    }

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
        Fill(Cpu, p => p.CpuPercent, now, window, Units.Percent);
        Fill(Memory, p => p.MemoryPercent, now, window, Units.Percent);
        Fill(Load, p => p.LoadAvg1, now, window, v => Units.Number(v));
        Fill(Network, p => p.NetworkRxBytesPerSec + p.NetworkTxBytesPerSec, now, window, Units.Rate);
        Cpu.Chart.Threshold = _connection.Thresholds.SystemCpuPercent;
        Memory.Chart.Threshold = _connection.Thresholds.SystemMemoryPercent;
        int? column = _cursor is { } at ? Column(at) : null;
        List<int> cpuMarks = [], memoryMarks = [], loadMarks = [];
        foreach (Alert alert in _alerts)
        {
            if (alert.Type == AlertType.Recovery || Column(alert.Timestamp) is not { } mark)
            {
                continue;
            }

            (alert.Subject.EndsWith(":memory", StringComparison.Ordinal) ? memoryMarks
                : alert.Subject.Contains("load", StringComparison.Ordinal) ? loadMarks : cpuMarks).Add(mark);
        }

        Cpu.Chart.SetCursor(column, cpuMarks);
        Memory.Chart.SetCursor(column, memoryMarks);
        Load.Chart.SetCursor(column, loadMarks);
        Network.Chart.SetCursor(column);
        UpdateBar();
    }

    private int Columns => Math.Max(10, Cpu.Chart.Viewport.Width);

    private TimeSpan Slice => Ranges[RangeIndex].Span / Columns;

    // The chart column holding `at`, or null outside the range shown.
    private int? Column(DateTimeOffset at)
    {
        TimeSpan age = at - (_now - Ranges[RangeIndex].Span);
        return age < TimeSpan.Zero || at > _now ? null : Math.Min(Columns - 1, (int)(age / Slice));
    }

    // The middle of chart column `column`.
    private DateTimeOffset ColumnTime(int column) => _now - Ranges[RangeIndex].Span + (Slice * (column + 0.5));

    private DateTimeOffset Clamp(DateTimeOffset at)
    {
        DateTimeOffset first = ColumnTime(0);
        DateTimeOffset last = ColumnTime(Columns - 1);
        return at < first ? first : at > last ? last : at;
    }

    private void MoveCursor(TimeSpan by)
    {
        if (_now == default)
        {
            return;
        }

        PlaceCursor(_cursor is { } at ? Clamp(at + by) : ColumnTime(Columns - 1));
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
            MoveCursor(key == Key.CursorLeft ? -Slice : Slice);
            return true;
        }

        if (key.AsRune.Value is '[' or ']')
        {
            MoveCursor(TimeSpan.FromHours(key.AsRune.Value == '[' ? -1 : 1));
            return true;
        }

        if (key == Key.Home || key == Key.End)
        {
            PlaceCursor(key == Key.Home ? ColumnTime(0) : ColumnTime(Columns - 1));
            return true;
        }

        if (key == Key.Enter && _cursor is { } at)
        {
            ReplayRequested?.Invoke(this, at);
            return true;
        }

        if (key.AsRune.Value == 'g')
        {
            GoToRequested?.Invoke(this, EventArgs.Empty);
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

    private void Fill(MetricPanel panel, Func<SystemPoint, double> value, DateTimeOffset now, TimeSpan window, Func<double, string> format)
    {
        DateTimeOffset start = now - window;
        // NaN is a figure the source does not have (an older agent sends CPU and memory only).
        double[] inRange = [.. _points.Where(p => p.Timestamp >= start).Select(value).Where(v => !double.IsNaN(v))];
        string none = _points.Count > 0 && _points.All(p => double.IsNaN(value(p))) ? "not in the stored history" : "no data in this range";
        panel.SetText("", inRange.Length == 0 ? none : $"avg {format(inRange.Average())}\nmax {format(inRange.Max())}");
        int columns = Columns;
        panel.Chart.SetValues(ChartBuckets.Average(_points, p => p.Timestamp, value, now, window, columns));
    }

    private void UpdateBar()
    {
        string ranges = string.Join(" ", Ranges.Select((r, i) => i == RangeIndex ? $"[{r.Label}]" : r.Label));
        string source = _connection.Features.HasFlag(ConnectionFeatures.StoredHistory)
            ? ""
            : $"embedded: since start only, {_points.Count} points; the rest " + AgentRequiredException.Hint;
        _bar.Content = $"{ranges} (1-5)  {CursorText()}\n{(_notice.Length > 0 ? _notice : source)}";
    }

    private string CursorText()
    {
        if (_cursor is not { } at || Column(at) is not { } column)
        {
            return "←/→ [ ] cursor  g go to a time";
        }

        string When(double v, Func<double, string> format) => double.IsNaN(v) ? "-" : format(v);
        double Value(MetricPanel panel) => column < panel.Chart.Values.Count ? panel.Chart.Values[column] : double.NaN;
        string time = TimeZoneInfo.ConvertTime(at, TimeZoneInfo.Local).ToString(Ranges[RangeIndex].Span > TimeSpan.FromDays(1) ? "MM-dd HH:mm" : "HH:mm:ss", CultureInfo.InvariantCulture);
        return $"▏{time} CPU {When(Value(Cpu), Units.Percent)} mem {When(Value(Memory), Units.Percent)} load {When(Value(Load), v => Units.Number(v))}  Enter replay";
    }
}

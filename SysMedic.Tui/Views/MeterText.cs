using System.Globalization;
using System.Text;
using SysMedic.Core.Formatting;
using SysMedic.Core.Sampling;

namespace SysMedic.Tui.Views;

/// <summary>
/// htop's meters as text: one bar per CPU (<c>3[|||||     41.0%]</c>) in as many columns as fit, or, when that
/// would take more than <see cref="MaxBarLines"/> lines, one cell per CPU drawn as a block of its height; then
/// memory, swap, tasks, threads, running and load on one line.
/// </summary>
public static class MeterText
{
    /// <summary>The most lines the per-CPU bars may take before the compact form is used.</summary>
    public const int MaxBarLines = 4;

    private const int BarWidth = 24;
    private const string Blocks = " ▁▂▃▄▅▆▇█";

    /// <summary>The meter lines for <paramref name="snapshot"/> in <paramref name="width"/> columns.</summary>
    public static IReadOnlyList<string> Lines(Snapshot snapshot, int width)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        width = Math.Max(20, width);
        var lines = new List<string>(Cores(snapshot.System.CpuPerCorePercent, width));
        lines.Add(Summary(snapshot));
        return lines;
    }

    /// <summary>The per-CPU lines: bars when they fit in <see cref="MaxBarLines"/> lines, else the compact strip.</summary>
    public static IReadOnlyList<string> Cores(IReadOnlyList<double> cores, int width)
    {
        ArgumentNullException.ThrowIfNull(cores);
        if (cores.Count == 0)
        {
            return [];
        }

        int columns = Math.Max(1, width / BarWidth);
        int rows = (cores.Count + columns - 1) / columns;
        return rows <= MaxBarLines ? Bars(cores, columns, rows, width / columns) : Compact(cores, width);
    }

    private static List<string> Bars(IReadOnlyList<double> cores, int columns, int rows, int cell)
    {
        // Numbered down each column first, as htop lays out its CPU meters.
        int label = (cores.Count - 1).ToString(CultureInfo.InvariantCulture).Length;
        var lines = new List<string>(rows);
        for (int r = 0; r < rows; r++)
        {
            var line = new StringBuilder();
            for (int c = 0; c < columns; c++)
            {
                int i = (c * rows) + r;
                if (i < cores.Count)
                {
                    line.Append(Bar(i, cores[i], label, cell - 1)).Append(' ');
                }
            }

            lines.Add(line.ToString().TrimEnd());
        }

        return lines;
    }

    private static string Bar(int index, double percent, int label, int width)
    {
        string figure = Units.Percent(percent);
        string head = index.ToString(CultureInfo.InvariantCulture).PadLeft(label) + "[";
        int inside = Math.Max(1, width - head.Length - 1);
        int filled = (int)Math.Round(Math.Clamp(percent, 0, 100) / 100 * inside);
        string bar = new string('|', filled).PadRight(inside);
        // The figure is written over the right end of the bar, as htop does.
        if (figure.Length < inside)
        {
            bar = bar[..(inside - figure.Length)] + figure;
        }

        return head + bar + "]";
    }

    private static List<string> Compact(IReadOnlyList<double> cores, int width)
    {
        const string Head = "CPUs ";
        int perLine = Math.Max(1, width - Head.Length);
        var lines = new List<string>();
        for (int start = 0; start < cores.Count; start += perLine)
        {
            var line = new StringBuilder(start == 0 ? Head : new string(' ', Head.Length));
            for (int i = start; i < Math.Min(cores.Count, start + perLine); i++)
            {
                line.Append(Blocks[(int)Math.Ceiling(Math.Clamp(cores[i], 0, 100) / 100 * (Blocks.Length - 1))]);
            }

            lines.Add(line.ToString());
        }

        return lines;
    }

    /// <summary>Memory, swap, tasks, threads, running and load: <c>Mem 3.1 GiB/7.5 GiB  Swp 0 B/2.0 GiB  Tasks 243, 1021 thr; 3 running  Load 1.25 0.80 0.50</c>.</summary>
    public static string Summary(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        SystemUsage s = snapshot.System;
        long threads = snapshot.Processes.Sum(p => (long)p.Threads);
        string swap = s.SwapTotalBytes > 0 ? $"{Units.Bytes(s.SwapUsedBytes)}/{Units.Bytes(s.SwapTotalBytes)}" : "none";
        return string.Create(CultureInfo.InvariantCulture,
            $"Mem {Units.Bytes(s.MemoryUsedBytes)}/{Units.Bytes(s.MemoryTotalBytes)}  Swp {swap}  Tasks {snapshot.Processes.Count}, {threads} thr; {s.ProcsRunning} running  Load {Units.Number(s.LoadAvg1)} {Units.Number(s.LoadAvg5)} {Units.Number(s.LoadAvg15)}");
    }
}

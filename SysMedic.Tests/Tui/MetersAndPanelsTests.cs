using SysMedic.Core.Sampling;
using SysMedic.Tui.Views;
using Terminal.Gui.Input;

namespace SysMedic.Tests.Tui;

/// <summary>htop's meters on the Processes screen, the dashboard's panel figures, and the key bar.</summary>
[Parallelizable(ParallelScope.All)]
public class MetersAndPanelsTests
{
    [Test]
    public void Phrases_are_never_split_across_lines()
    {
        Assert.Multiple(() =>
        {
            Assert.That(PanelText.Lay(14, 3, " ", "961.2 MiB", "of 23.5 GiB"), Is.EqualTo("961.2 MiB\nof 23.5 GiB"));
            Assert.That(PanelText.Lay(22, 3, " ", "961.2 MiB", "of 23.5 GiB"), Is.EqualTo("961.2 MiB of 23.5 GiB"));
            Assert.That(PanelText.Lay(14, 2, ", ", "5m 2.95", "15m 6.58", "4 CPUs"), Is.EqualTo("5m 2.95\n15m 6.58"), "what does not fit is left out from the end");
        });
    }

    [TestCase(120, 40)]
    [TestCase(80, 24)]
    public void Panel_figures_keep_each_figure_with_its_label(int cols, int rows)
    {
        using var console = new ConsoleHarness(cols, rows);
        _ = console.Screen;
        console.Connection.Publish(ConsoleSnapshots.Busy(ConsoleSnapshots.Time.AddSeconds(2)));
        _ = console.Screen;
        DashboardView d = console.Window.Dashboard;
        string[] lines = [.. new[] { d.Cpu, d.Memory, d.Disk, d.Network, d.Load }.SelectMany(p => p.Detail.Split('\n'))];

        Assert.Multiple(() =>
        {
            Assert.That(lines, Has.None.EndsWith(" of").And.None.EndsWith(","), "no line ends mid-phrase");
            Assert.That(lines, Has.Some.Contains("of 7.5 GiB"), "memory total with its 'of'");
            Assert.That(lines, Has.Some.Contains("5m 0.80").And.Some.Contains("15m 0.50"), "each load figure with its label");
            Assert.That(lines, Has.Some.Contains("3 running"));
        });
    }

    [Test]
    public void Processes_screen_shows_a_bar_per_cpu_memory_swap_and_task_counts()
    {
        using var console = new ConsoleHarness();
        Snapshot busy = ConsoleSnapshots.Busy(ConsoleSnapshots.Time.AddSeconds(2));
        console.Connection.Publish(busy with { System = busy.System with { CpuPerCorePercent = [10, 95, 50, 0], SwapUsedBytes = 1 << 20, SwapTotalBytes = 2L << 30 } });
        console.Press(Key.F4);
        string screen = console.Screen;

        Assert.Multiple(() =>
        {
            Assert.That(screen, Does.Match(@"0\[\|+ +10\.0%\]"));
            Assert.That(screen, Does.Match(@"1\[\|{15,}95\.0%\]"));
            Assert.That(screen, Does.Contain("3[").And.Contain("0.0%]"));
            Assert.That(screen, Does.Contain("Swp 1.0 MiB/2.0 GiB"));
            Assert.That(screen, Does.Contain("Tasks 7, 7 thr; 3 running"));
        });
    }

    [Test]
    public void Many_cpus_are_drawn_as_one_cell_each()
    {
        double[] cores = [.. Enumerable.Range(0, 128).Select(i => i % 2 == 0 ? 100.0 : 0.0)];

        IReadOnlyList<string> lines = MeterText.Cores(cores, 120);

        Assert.That(lines, Has.Count.EqualTo(2), "128 cells in 115 columns after the label");
        Assert.That(lines[0], Does.StartWith("CPUs █ █ █"));
        Assert.That(lines.Sum(l => l.Count(c => c == '█')), Is.EqualTo(64));
    }

    [Test]
    public void The_key_bar_lists_every_screen_key()
    {
        using var console = new ConsoleHarness();
        string bottom = console.Screen.Split('\n')[^2];

        Assert.That(bottom, Does.Contain("F1").And.Contain("F2").And.Contain("F3").And.Contain("F4").And.Contain("F5").And.Contain("History").And.Contain("F6").And.Contain("F10"));
    }
}

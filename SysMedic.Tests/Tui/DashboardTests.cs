using SysMedic.Core.Alerts;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views.Charts;

namespace SysMedic.Tests.Tui;

[Parallelizable(ParallelScope.All)]
public class DashboardTests
{
    [Test]
    public void Dashboard_shows_the_host_status_panels_users_and_top_processes()
    {
        using var console = new ConsoleHarness();
        string screen = console.Screen;

        Assert.Multiple(() =>
        {
            Assert.That(screen, Does.Contain("testhost  Linux 6.1.0-test  4 CPUs  up 1d 2h 03m"));
            Assert.That(screen, Does.Contain("Medium Usage"));
            Assert.That(screen, Does.Contain("fake connection for tests"));
            Assert.That(screen, Does.Contain("CPU 57.3%"));
            Assert.That(screen, Does.Contain("Memory 41.2%"));
            Assert.That(screen, Does.Contain("Disk 73.5%"));
            Assert.That(screen, Does.Contain("rx 1.4 MiB/s"));
            Assert.That(screen, Does.Contain("Load 1.25"));
            Assert.That(screen, Does.Contain("alice"));
            Assert.That(screen, Does.Contain("python3"));
            Assert.That(screen, Does.Contain("Alerts: needs the agent (sysmedic daemon start)"));
        });
    }

    [Test]
    public void Dashboard_charts_draw_the_threshold_line_and_the_latest_bar()
    {
        using var console = new ConsoleHarness();
        string screen = console.Screen;

        Assert.That(screen, Does.Contain("┄┄┄"), "the CPU and memory charts have an 80% threshold line");
        Assert.That(console.Window.Dashboard.Cpu.Chart.Values[^1], Is.EqualTo(57.3).Within(0.01));
    }

    [Test]
    public void Users_table_on_the_dashboard_is_sorted_by_cpu_first()
    {
        using var console = new ConsoleHarness();

        Assert.That(console.Window.Dashboard.Users.Shown.Select(u => u.Username), Is.EqualTo(new[] { "alice", "bob", "carol" }));
    }

    [Test]
    public void Dashboard_lists_the_latest_unresolved_alerts_when_the_connection_has_them()
    {
        var connection = new FakeConnection(ConnectionFeatures.RecentHistory | ConnectionFeatures.Alerts);
        connection.Alerts.Add(new Alert(1, ConsoleSnapshots.Time.AddMinutes(-9), AlertType.User, AlertSeverity.Medium, "user:bob:cpu", "bob over CPU threshold"));
        connection.Alerts.Add(new Alert(2, ConsoleSnapshots.Time.AddMinutes(-5), AlertType.System, AlertSeverity.Critical, "system:memory", "memory 93%"));
        connection.Alerts.Add(new Alert(3, ConsoleSnapshots.Time.AddMinutes(-1), AlertType.System, AlertSeverity.Critical, "system:disk", "disk full", ResolvedAt: ConsoleSnapshots.Time));
        using var console = new ConsoleHarness(connection: connection);

        string screen = console.Screen;

        Assert.That(screen, Does.Contain("Alerts (2 unresolved, F3): [critical] 11:55 memory 93%  |  [medium] 11:51 bob over CPU threshold"));
        Assert.That(screen, Does.Not.Contain("disk full"));
    }

    [Test]
    public void Layout_fits_80_by_24_with_every_panel_title()
    {
        using var console = new ConsoleHarness(80, 24);
        string screen = console.Screen;

        Assert.Multiple(() =>
        {
            Assert.That(screen, Does.Contain("CPU 57.3%"));
            Assert.That(screen, Does.Contain("Load 1.25"));
            Assert.That(screen, Does.Contain("Users (3)"));
            Assert.That(screen, Does.Contain("F10"));
        });
    }

    [Test]
    public void A_chart_redraws_only_when_a_bar_its_colour_or_the_threshold_line_changes()
    {
        using var console = new ConsoleHarness();
        Sparkline chart = console.Window.Dashboard.Cpu.Chart;
        _ = console.Screen;
        double[] values = [.. chart.Values];
        int last = values.Length - 1;
        Assume.That(chart.Viewport.Height, Is.GreaterThan(0));
        double eighth = chart.Scale() / (chart.Viewport.Height * 8);
        values[last] = 10 * eighth;

        chart.SetValues([.. values]);
        _ = console.Screen;
        Assert.That(chart.NeedsDraw, Is.False, "drawn");

        values[last] = 10.2 * eighth;
        chart.SetValues([.. values]);
        Assert.That(chart.NeedsDraw, Is.False, "the newest bar moved by less than an eighth of a cell: nothing to draw");

        values[last] = 12 * eighth;
        chart.SetValues([.. values]);
        Assert.That(chart.NeedsDraw, Is.True, "the bar grew by two eighths");
        _ = console.Screen;

        chart.Threshold = 11 * eighth;
        chart.SetValues([.. values]);
        Assert.That(chart.NeedsDraw, Is.True, "the bar is over the new threshold: its colour and the line change");
    }

    [Test]
    public void A_new_figure_in_a_panel_caption_redraws_neither_its_chart_nor_the_tables()
    {
        using var console = new ConsoleHarness();
        _ = console.Screen;
        Snapshot same = ConsoleSnapshots.Busy();

        console.Connection.Publish(same with { System = same.System with { CpuPercent = 57.4 }, Processes = [.. same.Processes.Select(p => p with { Threads = 2 })] });

        Assert.Multiple(() =>
        {
            Assert.That(console.Window.Dashboard.Cpu.Caption, Is.EqualTo("CPU 57.4%"));
            Assert.That(console.Window.Dashboard.Cpu.Chart.NeedsDraw, Is.False, "the chart's bars did not change");
            Assert.That(console.Window.Dashboard.Processes.LinesNeedingDraw, Is.Zero, "no figure the compact table shows changed");
            Assert.That(console.Window.Dashboard.Users.LinesNeedingDraw, Is.Zero);
        });
        Assert.That(console.Screen, Does.Contain("CPU 57.4%"));
    }
}

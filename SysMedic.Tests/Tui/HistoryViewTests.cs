using Terminal.Gui.Input;

namespace SysMedic.Tests.Tui;

[Parallelizable(ParallelScope.All)]
public class HistoryViewTests
{
    [Test]
    public void F5_shows_the_recent_history_and_says_the_rest_needs_the_agent()
    {
        using var console = new ConsoleHarness();
        console.Connection.Publish(ConsoleSnapshots.Busy(ConsoleSnapshots.Time.AddSeconds(2)));
        console.Press(Key.F5);
        string screen = console.Screen;

        Assert.That(screen, Does.Contain("[1h] 6h 24h 7d 30d"));
        Assert.That(screen, Does.Contain("embedded: since start only, 2 points"));
        Assert.That(screen, Does.Contain("avg 57.3%"));
        Assert.That(console.Window.History.Cpu.Chart.Values[^1], Is.EqualTo(57.3).Within(0.01));
    }

    [Test]
    public void The_load_chart_is_scaled_to_the_cpu_count_as_on_the_dashboard()
    {
        using var console = new ConsoleHarness();
        console.Connection.StoredHistory = [.. Enumerable.Range(0, 30).Select(i => Point(ConsoleSnapshots.Time.AddMinutes(i - 30), cpu: 50, cpuPeak: 60, load: 3))];
        console.Press(Key.F5);
        _ = console.Screen;

        Assert.That(console.Window.History.Load.Chart.Maximum, Is.EqualTo(4), "the fake host has 4 CPUs");
        Assert.That(console.Window.History.Load.Chart.Threshold, Is.EqualTo(4));
    }

    [Test]
    public void Max_is_the_highest_peak_the_agent_kept_not_the_highest_bucket_average()
    {
        using var console = new ConsoleHarness();
        // A long range comes back as buckets whose averages hide the one check at 100%.
        console.Connection.StoredHistory = [Point(ConsoleSnapshots.Time.AddMinutes(-20), cpu: 40, cpuPeak: 100, load: 1), Point(ConsoleSnapshots.Time.AddMinutes(-10), cpu: 30, cpuPeak: 35, load: 1)];
        console.Press(Key.F5);

        Assert.That(console.Screen, Does.Contain("avg 35.0%").And.Contain("max 100.0%"));
    }

    private static SysMedic.Tui.Connection.SystemPoint Point(DateTimeOffset at, double cpu, double cpuPeak, double load) =>
        new(at, cpu, 20, 50, 0, 0, load) { CpuPeakPercent = cpuPeak, MemoryPeakPercent = 20 };

    [Test]
    public void Digits_pick_the_range()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F5, new Key('3'));
        Assert.That(console.Screen, Does.Contain("1h 6h [24h] 7d 30d"));

        console.Press(new Key('5'));
        Assert.That(console.Window.History.RangeIndex, Is.EqualTo(4));

        console.Press(new Key('4'));
        Assert.That(console.Screen, Does.Contain("1h 6h 24h [7d] 30d"));
    }

    [Test]
    public void F3_says_alerts_need_the_agent_on_the_embedded_connection()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F3);

        Assert.That(console.Screen, Does.Contain("Alerts: needs the agent (sysmedic daemon start)."));
        Assert.That(console.Window.Current, Is.EqualTo(SysMedic.Tui.Views.Screen.Alerts));
    }
}

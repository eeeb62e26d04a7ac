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

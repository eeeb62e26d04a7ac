using System.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace SysMedic.Tests.Tui;

/// <summary>The process table on screen: its header, Home/End, the wheel, and what a refresh redraws.</summary>
[Parallelizable(ParallelScope.All)]
public class TableScreenTests
{
    private static ConsoleHarness Crowded()
    {
        var console = new ConsoleHarness();
        console.Connection.Publish(ConsoleSnapshots.Crowded(200));
        console.Press(Key.F4);
        return console;
    }

    private static int HeaderRow(string screen) =>
        Array.FindIndex(screen.Split('\n'), l => l.Contains("PID", StringComparison.Ordinal) && l.Contains("COMMAND", StringComparison.Ordinal));

    [Test]
    public void The_header_stays_on_screen_after_moving_down_and_back_up()
    {
        using ConsoleHarness console = Crowded();
        int header = HeaderRow(console.Screen);
        for (int i = 0; i < 40; i++)
        {
            console.Press(Key.CursorDown);
        }

        for (int i = 0; i < 38; i++)
        {
            console.Press(Key.CursorUp);
        }

        string screen = console.Screen;
        Assert.That(HeaderRow(screen), Is.EqualTo(header), screen);
        Assert.That(console.Window.Processes.Table.Selected?.Pid, Is.EqualTo(console.Window.Processes.Table.Shown[2].Pid));
    }

    [Test]
    public void Home_and_End_go_to_the_first_and_the_last_row()
    {
        using ConsoleHarness console = Crowded();
        var table = console.Window.Processes.Table;

        console.Press(Key.End);
        Assert.That(table.Selected, Is.SameAs(table.Shown[^1]));
        Assert.That(console.Screen, Does.Contain("idle1199"));
        Assert.That(HeaderRow(console.Screen), Is.GreaterThanOrEqualTo(0), "the header is still there");

        console.Press(Key.Home);
        Assert.That(table.Selected, Is.SameAs(table.Shown[0]));
        Assert.That(console.Screen, Does.Contain("python3"));
    }

    [Test]
    public void The_mouse_wheel_scrolls_the_table()
    {
        using ConsoleHarness console = Crowded();
        var table = console.Window.Processes.Table;
        string[] lines = console.Screen.Split('\n');
        var onTable = new Point(10, HeaderRow(console.Screen) + 5);

        console.App.InjectMouse(new Mouse { ScreenPosition = onTable, Flags = MouseFlags.WheeledDown });
        console.App.InjectMouse(new Mouse { ScreenPosition = onTable, Flags = MouseFlags.WheeledDown });
        _ = console.Screen;

        Assert.That(table.TopRow, Is.EqualTo(6), string.Join('\n', lines));
        Assert.That(console.Screen, Does.Not.Contain("python3"), "the first rows scrolled away");
    }

    [Test]
    public void A_refresh_redraws_only_the_lines_that_changed()
    {
        using ConsoleHarness console = Crowded();
        _ = console.Screen;
        var table = console.Window.Processes.Table;
        Assume.That(table.LinesNeedingDraw, Is.Zero);

        var next = ConsoleSnapshots.Crowded(200, ConsoleSnapshots.Time.AddSeconds(2));
        console.Connection.Publish(next with { Processes = [.. next.Processes.Select(p => p.Pid == 102 ? p with { CpuPercent = 11.0 } : p)] });

        Assert.That(table.LinesNeedingDraw, Is.EqualTo(1), "only sort's line shows a new figure");
    }
}

using System.Drawing;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace SysMedic.Tests.Tui;

[Parallelizable(ParallelScope.All)]
public class MouseTests
{
    [Test]
    public void Clicking_a_column_header_sorts_by_that_column()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F2);
        string screen = console.Screen;
        string[] lines = screen.Split('\n');
        int row = Array.FindIndex(lines, l => l.Contains("MEM%", StringComparison.Ordinal) && l.Contains("USER", StringComparison.Ordinal));
        int col = lines[row].IndexOf("MEM%", StringComparison.Ordinal);

        console.App.InjectSequence(InputInjectionExtensions.LeftButtonClick(new Point(col + 1, row)));

        Assert.That(console.Screen, Does.Contain("by MEM%"));
        Assert.That(console.Window.Users.Table.Shown.Select(u => u.Username), Is.EqualTo(new[] { "bob", "alice", "carol" }));
    }
}

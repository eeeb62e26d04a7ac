using Terminal.Gui.Input;

namespace SysMedic.Tests.Tui;

[Parallelizable(ParallelScope.All)]
public class SafeRenderingTests
{
    [Test]
    public void Hostile_process_name_is_shown_escaped_without_control_characters()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F4);
        string screen = console.Screen;

        Assert.Multiple(() =>
        {
            Assert.That(screen, Does.Contain("evil\\e[31mred\\nx"));
            Assert.That(screen, Does.Not.Contain("\u001b"));
            Assert.That(console.App.Driver!.Contents!.Cast<Terminal.Gui.Drawing.Cell>().Any(c => c.Grapheme.Any(char.IsControl)), Is.False);
        });
    }
}

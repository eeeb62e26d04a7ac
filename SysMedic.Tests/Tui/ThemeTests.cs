using SysMedic.Tui.Views;
using Color = Terminal.Gui.Drawing.Color;

namespace SysMedic.Tests.Tui;

public class ThemeTests
{
    private static string ThemesDirectory => Path.Combine(TestContext.CurrentContext.TestDirectory, "themes");

    [Test]
    public void Shipped_theme_files_match_the_built_in_themes()
    {
        IReadOnlyList<ConsoleTheme> themes = ConsoleThemeFile.Load([ThemesDirectory]);

        Assert.That(themes.Select(t => t.Name), Is.EqualTo(new[] { "dark", "light" }));
        Assert.That(themes[0], Is.EqualTo(ConsoleTheme.Dark));
        Assert.That(themes[1], Is.EqualTo(ConsoleTheme.Light));
    }

    [Test]
    public void A_theme_file_sets_named_and_rgb_colours_and_keeps_the_rest()
    {
        ConsoleTheme theme = ConsoleThemeFile.Parse("mine", "# comment\nbar = #00ff00\n\nalarm = magenta\n");
        ConsoleTheme named = ConsoleThemeFile.Parse("named", "alarm = #ff00ff");

        Assert.That(theme.Name, Is.EqualTo("mine"));
        Assert.That(theme.Bar, Is.EqualTo(new Color(0, 255, 0)));
        Assert.That(theme.Alarm, Is.Not.EqualTo(ConsoleTheme.Dark.Alarm));
        Assert.That(named.Alarm, Is.EqualTo(new Color(255, 0, 255)));
        Assert.That(theme.Background, Is.EqualTo(ConsoleTheme.Dark.Background));
    }

    [TestCase("bar = notacolour", "line 1: \"notacolour\" is not a colour for bar")]
    [TestCase("# x\nsparkle = red", "line 2: unknown key \"sparkle\"")]
    public void A_bad_theme_line_is_named_in_the_error(string text, string message)
    {
        var ex = Assert.Throws<FormatException>(() => ConsoleThemeFile.Parse("bad", text));
        Assert.That(ex!.Message, Does.Contain(message));
    }

    [Test]
    public void T_switches_the_console_to_the_light_theme_and_back()
    {
        using var console = new ConsoleHarness();
        console.Press(Terminal.Gui.Input.Key.T);
        Assert.That(console.Window.Theme.Name, Is.EqualTo("light"));
        Assert.That(console.Window.Dashboard.Cpu.Chart.BarColor, Is.EqualTo(ConsoleTheme.Light.Bar));

        console.Press(Terminal.Gui.Input.Key.T);
        Assert.That(console.Window.Theme.Name, Is.EqualTo("dark"));
    }
}

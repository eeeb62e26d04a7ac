using SysMedic.Core.Config;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views;
using Terminal.Gui.App;

namespace SysMedic.Tui.Bootstrap;

/// <summary>Starts the full-screen console on a connection and runs it until the user quits.</summary>
public static class ConsoleApp
{
    /// <summary>
    /// Runs the console on the embedded sampler (no agent connection exists yet) and returns the exit code.
    /// <paramref name="error"/> gets the reason when the terminal or /proc cannot be used.
    /// </summary>
    public static int Run(TextWriter error, SysMedicConfig config, string? theme = null)
    {
        if (System.Console.IsInputRedirected || System.Console.IsOutputRedirected)
        {
            error.WriteLine("sysmedic: the console needs a terminal; for a one-off text report use 'sysmedic report'.");
            return 2;
        }

        IReadOnlyList<ConsoleTheme> themes = ConsoleThemeFile.Load(ThemeDirectories());
        if (theme is not null)
        {
            ConsoleTheme? chosen = themes.FirstOrDefault(t => t.Name == theme);
            if (chosen is null)
            {
                error.WriteLine($"sysmedic: no theme \"{theme}\" (have: {string.Join(", ", themes.Select(t => t.Name))})");
                return 2;
            }

            themes = [chosen, .. themes.Where(t => t != chosen)];
        }

        EmbeddedConnection connection;
        try
        {
            connection = new EmbeddedConnection(config.ToSamplerOptions(), interval: TimeSpan.FromSeconds(config.Monitoring.LiveInterval));
        }
        catch (DirectoryNotFoundException ex)
        {
            error.WriteLine($"sysmedic: {ex.Message}");
            return 1;
        }

        using (connection)
        {
            connection.Start();
            using (IApplication app = Application.Create().Init())
            {
                using var window = new MainWindow(connection, themes);
                app.Run(window);
            }
        }

        return 0;
    }

    /// <summary>
    /// The themes beside the configuration first (<c>$XDG_CONFIG_HOME/sysmedic/themes</c>, or
    /// <c>/etc/sysmedic/themes</c> for root), then those installed beside the binary.
    /// </summary>
    public static IEnumerable<string> ThemeDirectories()
    {
        string? config = Path.GetDirectoryName(SysMedicPaths.ForCurrentUser().ConfigFile);
        if (config is not null)
        {
            yield return Path.Combine(config, "themes");
        }

        yield return Path.Combine(AppContext.BaseDirectory, "themes");
    }
}

using SysMedic.Core.Sampling;
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
    public static int Run(TextWriter error, string? theme = null)
    {
        ConsoleTheme? chosen = theme is null ? null : ConsoleTheme.Named(theme);
        EmbeddedConnection connection;
        try
        {
            connection = new EmbeddedConnection(new SamplerOptions());
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
                using var window = new MainWindow(connection, chosen);
                app.Run(window);
            }
        }

        return 0;
    }
}

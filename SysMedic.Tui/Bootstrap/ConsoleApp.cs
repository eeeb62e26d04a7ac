using SysMedic.Agent.Doctor;
using SysMedic.Core.Config;
using SysMedic.Core.Protocol;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views;
using Terminal.Gui.App;

namespace SysMedic.Tui.Bootstrap;

/// <summary>Starts the full-screen console on a connection and runs it until the user quits.</summary>
public static class ConsoleApp
{
    /// <summary>
    /// Runs the console and returns the exit code: on the relay <paramref name="remote"/> names, else on the local
    /// doctor when one answers on its socket, else on the embedded sampler; <paramref name="fleet"/> opens on the fleet. <paramref name="error"/> gets the reason
    /// when the terminal or /proc cannot be used.
    /// </summary>
    public static int Run(TextWriter error, SysMedicConfig config, string? theme = null, QuickConnectUrl? remote = null, bool readOnly = false, bool fleet = false)
    {
        if (System.Console.IsInputRedirected || System.Console.IsOutputRedirected)
        {
            error.WriteLine("sysmedic: the console needs a terminal; for a one-off text report use 'sysmedic report'.");
            return 2;
        }

        TerminalGuiConfiguration.EnsureApplied();
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

        ISysMedicConnection Home() => LocalOrEmbedded(config);
        ISysMedicConnection initial;
        try
        {
            initial = remote is null ? Home() : new RemoteConnection(remote);
        }
        catch (DirectoryNotFoundException ex)
        {
            error.WriteLine($"sysmedic: {ex.Message}");
            return 1;
        }

        if (remote is not null)
        {
            RememberQuietly(remote);
        }

        using (var connection = new ConnectionSwitch(initial, Home, url => new RemoteConnection(url)))
        {
            connection.Start();
            using var gate = new LoopGate();
            (IApplication app, QuietAnsiInput? input) = QuietAnsiInput.CreateApplication(gate);
            using (app)
            {
                _ = app.Init();

                // Without the quiet input nothing would tell the gate about keys: the stock loop is kept then.
                using EventDrivenLoop? loop = input is null ? null : new EventDrivenLoop(app, gate);
                using var window = new MainWindow(connection, themes, readOnly);
                if (fleet)
                {
                    window.OpenFleet();
                }

                using ConsoleStats? stats = ConsoleStats.FromEnvironment(app, connection, gate);
                try
                {
                    app.Run(window);
                }
                finally
                {
                    input?.Stop();
                }
            }
        }

        return 0;
    }

    /// <summary>
    /// The doctor on its socket (<c>SYSMEDIC_SOCKET</c>, else the runtime directory) when it answers, else the
    /// embedded sampler.
    /// </summary>
    public static ISysMedicConnection LocalOrEmbedded(SysMedicConfig config)
    {
        ArgumentNullException.ThrowIfNull(config);

        // On a pool thread: the UI thread (File > Disconnect) has a synchronization context to keep free.
        LocalConnection? local = Task.Run(() => LocalConnection.TryConnectAsync(DoctorHost.SocketPath())).GetAwaiter().GetResult();
        return (ISysMedicConnection?)local ?? new EmbeddedConnection(config.ToSamplerOptions(), interval: TimeSpan.FromSeconds(config.Monitoring.LiveInterval));
    }

    private static void RememberQuietly(QuickConnectUrl url)
    {
        try
        {
            _ = RecentHosts.Remember(RecentHosts.DefaultPath(), url, DateTimeOffset.UtcNow);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // The list of recent hosts is a convenience; the console runs without it.
        }
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

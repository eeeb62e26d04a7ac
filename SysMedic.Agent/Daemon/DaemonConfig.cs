using SysMedic.Core.Config;

namespace SysMedic.Agent.Daemon;

/// <summary>What both daemons do before they start: load the configuration (nothing starts on an invalid file) and take the PID file.</summary>
public static class DaemonConfig
{
    /// <summary>
    /// Loads <paramref name="configPath"/>, writing each diagnostic to <paramref name="error"/>; null when the file is
    /// invalid, after saying that <paramref name="role"/> did not start (the caller exits 2).
    /// </summary>
    public static SysMedicConfig? Load(string configPath, TextWriter error, string role)
    {
        ConfigLoadResult loaded = ConfigLoader.LoadForCurrentUser(configPath);
        foreach (ConfigDiagnostic d in loaded.Diagnostics)
        {
            error.WriteLine(d);
        }

        if (!loaded.IsValid)
        {
            error.WriteLine($"sysmedic: {configPath}: invalid configuration; the {role} did not start");
            return null;
        }

        return loaded.Config;
    }

    /// <summary>
    /// Takes the daemon's PID file <paramref name="path"/>; null when another one runs (also one of an older version,
    /// which kept its PID file at <paramref name="legacyPath"/> in data_path) or the file cannot be written, after
    /// logging it and saying it on <paramref name="error"/> (the caller exits 1).
    /// </summary>
    public static PidFile? AcquirePid(string path, string legacyPath, string role, Serilog.ILogger log, TextWriter error)
    {
        if (PidFile.FindRunning(legacyPath) is { } older)
        {
            string message = $"another SysMedic {role} is running (PID: {older}), holding {legacyPath} (where earlier versions kept it); stop it first";
            log.Error("{Message}", message);
            error.WriteLine($"sysmedic: {message}");
            return null;
        }

        try
        {
            return PidFile.Acquire(path, role);
        }
        catch (Exception ex) when (ex is AlreadyRunningException or IOException or UnauthorizedAccessException)
        {
            log.Error("{Message}", ex.Message);
            error.WriteLine($"sysmedic: {ex.Message}");
            return null;
        }
    }
}

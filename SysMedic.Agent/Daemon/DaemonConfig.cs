using SysMedic.Core.Config;

namespace SysMedic.Agent.Daemon;

/// <summary>The configuration a daemon starts with: every diagnostic printed, and nothing started on an invalid file.</summary>
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
}

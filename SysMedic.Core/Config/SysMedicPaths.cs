using SysMedic.Core.ProcFs;

namespace SysMedic.Core.Config;

/// <summary>
/// Where SysMedic keeps its files: the system layout for root, XDG locations under the home directory for anyone
/// else, so nothing needs root to try. The runtime directory holds what lasts only while a daemon runs: the doctor's
/// socket and the PID files.
/// </summary>
public sealed record SysMedicPaths(string ConfigFile, string DataDirectory, string LogDirectory, string RuntimeDirectory)
{
    /// <summary>The layout for the current user, from the environment.</summary>
    public static SysMedicPaths ForCurrentUser() => For(IsRoot(), Environment.GetEnvironmentVariable);

    /// <summary>The layout for root (<paramref name="root"/> true) or for a user whose environment is <paramref name="env"/>.</summary>
    public static SysMedicPaths For(bool root, Func<string, string?> env)
    {
        if (root)
        {
            return new SysMedicPaths("/etc/sysmedic/config.yaml", "/var/lib/sysmedic", "/var/log/sysmedic", "/run/sysmedic");
        }

        string home = env("HOME") is { Length: > 0 } h ? h : Environment.GetFolderPath(Environment.SpecialFolder.UserProfile);
        string configHome = env("XDG_CONFIG_HOME") is { Length: > 0 } c ? c : Path.Combine(home, ".config");
        string stateHome = env("XDG_STATE_HOME") is { Length: > 0 } s ? s : Path.Combine(home, ".local", "state");
        string state = Path.Combine(stateHome, "sysmedic");
        string runtime = env("XDG_RUNTIME_DIR") is { Length: > 0 } r ? Path.Combine(r, "sysmedic") : Path.Combine(state, "run");
        return new SysMedicPaths(Path.Combine(configHome, "sysmedic", "config.yaml"), state, Path.Combine(state, "log"), runtime);
    }

    private static bool IsRoot() => LibC.geteuid() == 0;
}

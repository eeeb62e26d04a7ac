namespace SysMedic.Core.Config;

/// <summary>Whether a configuration problem stops the file from being used.</summary>
public enum ConfigSeverity
{
    /// <summary>Reported, but the configuration is still used (an unknown key, a loose file mode).</summary>
    Warning,

    /// <summary>The configuration is rejected.</summary>
    Error,
}

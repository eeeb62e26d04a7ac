namespace SysMedic.Core.Config;

/// <summary>Where a configuration value came from.</summary>
public enum ConfigSource
{
    /// <summary>The built-in default.</summary>
    Default,

    /// <summary>The configuration file.</summary>
    File,

    /// <summary>A <c>SYSMEDIC_*</c> environment variable.</summary>
    Environment,
}

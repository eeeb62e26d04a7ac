namespace SysMedic.Core.Config;

/// <summary>How <see cref="ConfigSetter.Set"/> ended.</summary>
public enum ConfigSetStatus
{
    /// <summary>The file was written.</summary>
    Written,

    /// <summary>The key or value is not acceptable, or the resulting file would not be valid; nothing was written.</summary>
    Invalid,

    /// <summary>The file could not be read or written.</summary>
    Failed,
}

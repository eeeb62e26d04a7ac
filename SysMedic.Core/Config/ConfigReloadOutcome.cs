namespace SysMedic.Core.Config;

/// <summary>What a reload did.</summary>
public enum ConfigReloadOutcome
{
    /// <summary>The new file was valid and differed: it is now in force.</summary>
    Applied,

    /// <summary>The file was valid but changed nothing.</summary>
    Unchanged,

    /// <summary>The file was invalid or gone: the previous configuration stays in force.</summary>
    Rejected,
}

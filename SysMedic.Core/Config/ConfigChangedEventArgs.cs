namespace SysMedic.Core.Config;

/// <summary>A reload put a new configuration in force.</summary>
public sealed class ConfigChangedEventArgs(SysMedicConfig previous, SysMedicConfig current, IReadOnlyList<ConfigChange> changes) : EventArgs
{
    /// <summary>The configuration that was in force before.</summary>
    public SysMedicConfig Previous { get; } = previous;

    /// <summary>The configuration now in force.</summary>
    public SysMedicConfig Current { get; } = current;

    /// <summary>The keys that changed, values redacted.</summary>
    public IReadOnlyList<ConfigChange> Changes { get; } = changes;
}

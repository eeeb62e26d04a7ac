namespace SysMedic.Core.Config;

/// <summary>The <c>storage</c> section: what the history keeps beyond system and user figures.</summary>
public sealed record StorageSection
{
    /// <summary>Processes recorded per check for each of CPU and memory (the busiest); 0 records none.</summary>
    public int ProcessesPerCheck { get; init; } = 20;
}

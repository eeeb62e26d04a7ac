namespace SysMedic.Core.Storage;

/// <summary>How <see cref="SysMedicDatabase.Open"/> treats the file.</summary>
public sealed record StorageOptions
{
    /// <summary>The agent's defaults: read-write, create and upgrade, quarantine a corrupt file.</summary>
    public static StorageOptions Agent { get; } = new();

    /// <summary>Open an existing database without writing to it (no creation, no upgrade, no quarantine).</summary>
    public bool ReadOnly { get; init; }

    /// <summary>Whether a corrupt file found at open is renamed aside and replaced by a new one.</summary>
    public bool QuarantineCorrupt { get; init; } = true;

    /// <summary>Whether to run <c>PRAGMA quick_check</c> at open (reads the whole file once).</summary>
    public bool QuickCheck { get; init; } = true;

    /// <summary>How long a statement waits for another process's lock before failing as busy.</summary>
    public TimeSpan BusyTimeout { get; init; } = TimeSpan.FromSeconds(5);
}

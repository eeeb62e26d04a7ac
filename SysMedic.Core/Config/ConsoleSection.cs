namespace SysMedic.Core.Config;

/// <summary>The <c>console</c> section: how the full-screen console behaves.</summary>
public sealed record ConsoleSection
{
    /// <summary>Whether the console refuses every action key (signal, renice, resolve), as <c>--readonly</c>.</summary>
    public bool ReadOnly { get; init; }
}

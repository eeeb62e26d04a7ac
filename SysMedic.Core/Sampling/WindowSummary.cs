namespace SysMedic.Core.Sampling;

/// <summary>What one check stores and judges: the window's system figures and its users after the filtering rules.</summary>
public sealed record WindowSummary(
    DateTimeOffset Start,
    DateTimeOffset End,
    int SampleCount,
    SystemWindow System,
    IReadOnlyList<UserWindow> Users,
    Snapshot Last);

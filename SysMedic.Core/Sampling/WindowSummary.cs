namespace SysMedic.Core.Sampling;

/// <summary>
/// What one check stores and judges: the window's system figures and its users after the filtering rules
/// (<see cref="Users"/>, judged by thresholds), and the users whose usage is stored (<see cref="Accounted"/>).
/// </summary>
public sealed record WindowSummary(
    DateTimeOffset Start,
    DateTimeOffset End,
    int SampleCount,
    SystemWindow System,
    IReadOnlyList<UserWindow> Users,
    Snapshot Last)
{
    /// <summary>
    /// The users listed, and every other user the filter does not leave out by name or as a system account who used
    /// CPU or disk or started a process in the window, whatever their share: an accounting covers small users too.
    /// </summary>
    public IReadOnlyList<UserWindow> Accounted { get; init; } = [];
}

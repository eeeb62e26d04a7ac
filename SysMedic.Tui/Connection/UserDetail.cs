using SysMedic.Core.Health;
using SysMedic.Core.Sampling;

namespace SysMedic.Tui.Connection;

/// <summary>Everything the user drill-down shows about one user.</summary>
public sealed record UserDetail(
    string Username,
    UserThreshold Threshold,
    bool HasCustomThreshold,
    IReadOnlyList<ProcessUsage> Processes,
    IReadOnlyList<UserPoint> History,
    IReadOnlyList<PersistentEpisode> Episodes);

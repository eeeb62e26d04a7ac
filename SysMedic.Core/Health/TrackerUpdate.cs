namespace SysMedic.Core.Health;

/// <summary>What one check changed in the persistent-user tracker.</summary>
public sealed record TrackerUpdate(
    IReadOnlyList<UserEpisode> Started,
    IReadOnlyList<UserEpisode> BecamePersistent,
    IReadOnlyList<UserEpisode> Ended,
    IReadOnlyList<UserEpisode> Open);

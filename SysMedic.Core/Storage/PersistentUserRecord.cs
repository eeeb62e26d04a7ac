namespace SysMedic.Core.Storage;

/// <summary>
/// One persistent-usage episode: <see cref="Username"/> stayed above a threshold on <see cref="Metric"/> (e.g.
/// "cpu", "memory") from <see cref="StartTime"/>; usage in percent of the machine. Open while <see cref="EndTime"/> is null.
/// </summary>
public sealed record PersistentUserRecord(
    string Username,
    string Metric,
    DateTimeOffset StartTime,
    double PeakUsage,
    double AverageUsage,
    int SampleCount,
    int DurationMinutes = 0,
    DateTimeOffset? EndTime = null,
    long Id = 0)
{
    /// <summary>Whether the episode has ended.</summary>
    public bool Resolved => EndTime is not null;
}

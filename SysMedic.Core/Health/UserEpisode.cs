namespace SysMedic.Core.Health;

/// <summary>
/// A stretch of checks in which one user stayed over their threshold for one metric. It becomes persistent once it
/// has lasted the persistent time; <see cref="EndTime"/> is set when it is over.
/// </summary>
public sealed record UserEpisode(
    string Username,
    UsageMetric Metric,
    DateTimeOffset StartTime,
    double PeakUsage,
    double TotalUsage,
    int SampleCount,
    bool Persistent,
    DateTimeOffset? EndTime = null)
{
    /// <summary>Mean of the check averages, in percent.</summary>
    public double AverageUsage => SampleCount == 0 ? 0 : TotalUsage / SampleCount;

    /// <summary>How long the episode has lasted at <paramref name="now"/> (or lasted, once ended).</summary>
    public TimeSpan Duration(DateTimeOffset now) => (EndTime ?? now) - StartTime;

    /// <summary>The key that names this episode's subject: <c>alice:cpu</c>.</summary>
    public string Subject => $"{Username}:{Metric.ToKey()}";
}

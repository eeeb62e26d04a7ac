using SysMedic.Core.Sampling;

namespace SysMedic.Core.Health;

/// <summary>
/// Finds users whose usage stays high. CPU and memory are tracked separately, each against the user's own
/// threshold (override, else the default). At every check, a user is "over" for a metric when the check window's
/// average is strictly above the threshold. The first check over starts an episode at that window's start; the
/// episode is persistent once it has lasted <c>persistent_time</c> with every check over; the first check whose
/// average is at or below the threshold ends it. The check window is the hysteresis: a spike or a dip shorter than
/// a check moves the average, not the state. Open episodes are restored after a restart, so the clock goes on.
/// </summary>
public sealed class PersistentUserTracker
{
    private readonly Dictionary<string, UserEpisode> _open = new(StringComparer.Ordinal);

    /// <summary>Starts with the episodes that were open when the agent last stopped.</summary>
    public PersistentUserTracker(IEnumerable<UserEpisode>? restored = null)
    {
        foreach (UserEpisode e in restored ?? [])
        {
            if (e.EndTime is null)
            {
                _open[e.Subject] = e;
            }
        }
    }

    /// <summary>Episodes in progress.</summary>
    public IReadOnlyCollection<UserEpisode> Open => _open.Values;

    /// <summary>Episodes in progress that have become persistent.</summary>
    public IEnumerable<UserEpisode> Persistent => _open.Values.Where(e => e.Persistent);

    /// <summary>Number of distinct users with a persistent episode.</summary>
    public int PersistentUserCount => Persistent.Select(e => e.Username).Distinct(StringComparer.Ordinal).Count();

    /// <summary>Judges one check window.</summary>
    public TrackerUpdate Update(WindowSummary window, Thresholds thresholds, TimeSpan persistentTime)
    {
        var started = new List<UserEpisode>();
        var persistent = new List<UserEpisode>();
        var ended = new List<UserEpisode>();
        var seen = new HashSet<string>(StringComparer.Ordinal);

        foreach (UserWindow user in window.Users)
        {
            UserThreshold t = thresholds.For(user.Username);
            Judge(user.Username, UsageMetric.Cpu, user.CpuPercent, t.CpuPercent);
            Judge(user.Username, UsageMetric.Memory, user.MemoryPercent, t.MemoryPercent);
        }

        // A user no longer listed (gone, or under the listing minimum) is below any threshold.
        foreach (UserEpisode e in _open.Values.ToList())
        {
            if (!seen.Contains(e.Subject))
            {
                End(e);
            }
        }

        return new TrackerUpdate(started, persistent, ended, [.. _open.Values]);

        void Judge(string username, UsageMetric metric, MetricWindow usage, double threshold)
        {
            string subject = $"{username}:{metric.ToKey()}";
            _open.TryGetValue(subject, out UserEpisode? episode);
            if (usage.Average <= threshold)
            {
                if (episode is not null)
                {
                    seen.Add(subject);
                    End(episode);
                }

                return;
            }

            seen.Add(subject);
            if (episode is null)
            {
                episode = new UserEpisode(username, metric, window.Start, usage.Peak, usage.Average, 1, false);
                started.Add(episode);
            }
            else
            {
                episode = episode with
                {
                    PeakUsage = Math.Max(episode.PeakUsage, usage.Peak),
                    TotalUsage = episode.TotalUsage + usage.Average,
                    SampleCount = episode.SampleCount + 1,
                };
            }

            if (!episode.Persistent && window.End - episode.StartTime >= persistentTime)
            {
                episode = episode with { Persistent = true };
                persistent.Add(episode);
            }

            _open[subject] = episode;
        }

        void End(UserEpisode episode)
        {
            _open.Remove(episode.Subject);
            ended.Add(episode with { EndTime = window.End });
        }
    }
}

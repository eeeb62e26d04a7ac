namespace SysMedic.Core.Sampling;

/// <summary>
/// Follows every process across a check window, so the check can record the ones that explain it: their CPU over
/// the whole window (from the kernel's counters at its start and end, not one instant), their average memory, and
/// those that ended during it. A process is known by its pid and start time, so a reused pid is another process.
/// </summary>
public sealed class ProcessWindow
{
    /// <summary>Processes busier than this (percent of the machine) count as using CPU in the window.</summary>
    public const double MinCpuPercent = 0.05;

    private readonly Dictionary<(int Pid, double Start), Track> _tracks = [];
    private int _sample;

    /// <summary>Adds one live snapshot of the window.</summary>
    public void Add(Snapshot snapshot)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        _sample++;
        double machineSeconds = snapshot.Interval.TotalSeconds * Math.Max(1, snapshot.System.CpuCount);
        foreach (ProcessUsage p in snapshot.Processes)
        {
            if (!_tracks.TryGetValue((p.Pid, p.StartTimeSeconds), out Track? track))
            {
                // First seen: what it used before this snapshot's interval is not the window's.
                track = new Track { BaseCpuSeconds = Math.Max(0, p.CpuTimeSeconds - (p.CpuPercent / 100 * machineSeconds)) };
                _tracks[(p.Pid, p.StartTimeSeconds)] = track;
            }

            track.Last = p;
            track.MemorySum += p.MemoryPercent;
            track.Samples++;
            track.LastSeen = _sample;
            track.LastUptime = snapshot.System.UptimeSeconds;
            track.LastTimestamp = snapshot.Timestamp;
        }
    }

    /// <summary>
    /// Closes the window <paramref name="summary"/> describes and returns the processes worth recording: the
    /// <paramref name="perMetric"/> busiest by CPU and by memory, and those of <paramref name="watched"/> users (over a
    /// threshold, persistent) up to <paramref name="perMetric"/> per user and five times that in all; busiest first.
    /// CPU and memory are over the window; a process that ended in it has state <c>X</c>. The next window starts.
    /// </summary>
    public IReadOnlyList<RecordedProcess> Close(WindowSummary summary, int perMetric, Func<string, bool> watched)
    {
        ArgumentNullException.ThrowIfNull(summary);
        ArgumentNullException.ThrowIfNull(watched);
        double machineSeconds = Math.Max(1e-9, (summary.End - summary.Start).TotalSeconds * Math.Max(1, summary.Last.System.CpuCount));
        var all = new List<RecordedProcess>(_tracks.Count);
        foreach (Track t in _tracks.Values)
        {
            ProcessUsage p = t.Last!;
            bool ended = t.LastSeen != _sample;
            double cpu = Math.Clamp(100 * (p.CpuTimeSeconds - t.BaseCpuSeconds) / machineSeconds, 0, 100);
            DateTimeOffset started = t.LastTimestamp - TimeSpan.FromSeconds(Math.Max(0, t.LastUptime - p.StartTimeSeconds));
            all.Add(new RecordedProcess(p with { CpuPercent = cpu, MemoryPercent = t.MemorySum / t.Samples, State = ended ? RecordedProcess.EndedState : p.State }, started));
        }

        IReadOnlyList<RecordedProcess> chosen = perMetric <= 0 ? [] : Choose(all, perMetric, watched);
        NextWindow();
        return chosen;
    }

    private static List<RecordedProcess> Choose(List<RecordedProcess> all, int perMetric, Func<string, bool> watched)
    {
        var chosen = new HashSet<RecordedProcess>(ReferenceEqualityComparer.Instance);
        chosen.UnionWith(all.Where(r => r.Process.CpuPercent >= MinCpuPercent).OrderByDescending(r => r.Process.CpuPercent).Take(perMetric));
        chosen.UnionWith(all.OrderByDescending(r => r.Process.MemoryPercent).Take(perMetric));
        chosen.UnionWith(all
            .Where(r => watched(r.Process.User))
            .OrderByDescending(r => r.Process.CpuPercent).ThenByDescending(r => r.Process.MemoryPercent)
            .GroupBy(r => r.Process.Uid)
            .SelectMany(g => g.Take(perMetric))
            .Take(perMetric * 5));
        return [.. chosen.OrderByDescending(r => r.Process.CpuPercent).ThenByDescending(r => r.Process.MemoryPercent).ThenBy(r => r.Process.Pid)];
    }

    // The processes still alive carry on, counting from where they are now; the ended ones are forgotten.
    private void NextWindow()
    {
        foreach (var (key, t) in _tracks.ToList())
        {
            if (t.LastSeen != _sample)
            {
                _tracks.Remove(key);
                continue;
            }

            t.BaseCpuSeconds = t.Last!.CpuTimeSeconds;
            t.MemorySum = 0;
            t.Samples = 0;
        }
    }

    private sealed class Track
    {
        public ProcessUsage? Last { get; set; }

        public double BaseCpuSeconds { get; set; }

        public double MemorySum { get; set; }

        public int Samples { get; set; }

        public int LastSeen { get; set; }

        public double LastUptime { get; set; }

        public DateTimeOffset LastTimestamp { get; set; }
    }
}

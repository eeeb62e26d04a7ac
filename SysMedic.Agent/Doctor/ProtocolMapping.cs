using SysMedic.Core.Alerts;
using SysMedic.Core.Health;
using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;
using SysMedic.Core.Storage;

namespace SysMedic.Agent.Doctor;

/// <summary>Between the agent's domain, its storage rows and the protocol's wire types.</summary>
public static class ProtocolMapping
{
    /// <summary>The system row of a check: the window's averages and peaks.</summary>
    public static SystemMetricsRow ToRow(this WindowSummary w) => new(
        w.End,
        w.System.CpuPercent.Average,
        w.System.CpuPercent.Peak,
        w.System.MemoryPercent.Average,
        w.System.MemoryPercent.Peak,
        w.System.DiskPercent,
        (long)w.System.NetworkRxBytesPerSec,
        (long)w.System.NetworkTxBytesPerSec,
        w.System.LoadAvg1,
        w.System.LoadAvg5,
        w.System.LoadAvg15)
    {
        WindowSeconds = w.System.Seconds,
        CpuCapacitySeconds = w.System.CpuCapacitySeconds,
        ProcessesStarted = w.System.ProcessesStarted,
        PressureSeconds = w.System.Pressure?.Seconds ?? 0,
        CpuSomeStallSeconds = w.System.Pressure?.CpuSomeSeconds ?? 0,
        CpuFullStallSeconds = w.System.Pressure?.CpuFullSeconds ?? 0,
        MemorySomeStallSeconds = w.System.Pressure?.MemorySomeSeconds ?? 0,
        MemoryFullStallSeconds = w.System.Pressure?.MemoryFullSeconds ?? 0,
        IoSomeStallSeconds = w.System.Pressure?.IoSomeSeconds ?? 0,
        IoFullStallSeconds = w.System.Pressure?.IoFullSeconds ?? 0,
    };

    /// <summary>
    /// The user rows of a check: the users listed and every other user counted by the filter who used anything
    /// (<see cref="WindowSummary.Accounted"/>; a summary made without it stores its listed users).
    /// </summary>
    public static List<UserMetricsRow> ToUserRows(this WindowSummary w) =>
        [.. (w.Accounted.Count > 0 ? w.Accounted : w.Users).Select(u => new UserMetricsRow(u.Username, u.CpuPercent.Average, u.CpuPercent.Peak, u.MemoryPercent.Average, u.MemoryPercent.Peak, u.RssBytes, u.ProcessCount, u.Pids)
        {
            CpuSeconds = u.CpuSeconds,
            ExitedCpuSeconds = u.ExitedCpuSeconds,
            DiskReadBytes = u.DiskReadBytes,
            DiskWriteBytes = u.DiskWriteBytes,
            NewProcesses = u.NewProcesses,
            CpuFromSlice = u.CpuFromSlice,
        })];

    /// <summary>An episode as stored.</summary>
    public static PersistentUserRecord ToRecord(this UserEpisode e, DateTimeOffset now) => new(
        e.Username, e.Metric.ToKey(), e.StartTime, e.PeakUsage, e.AverageUsage, e.SampleCount, (int)e.Duration(now).TotalMinutes, e.EndTime);

    /// <summary>A stored open episode back as the tracker keeps it; persistent when it has lasted the persistent time.</summary>
    public static UserEpisode? ToEpisode(this PersistentUserRecord r, DateTimeOffset now, TimeSpan persistentTime) =>
        UsageMetricText.Parse(r.Metric) is { } metric
            ? new UserEpisode(r.Username, metric, r.StartTime, r.PeakUsage, r.AverageUsage * r.SampleCount, r.SampleCount, now - r.StartTime >= persistentTime, r.EndTime)
            : null;

    /// <summary>An episode on the wire.</summary>
    public static PersistentUserInfo ToInfo(this UserEpisode e) =>
        new(e.Username, e.Metric.ToKey(), e.StartTime, e.EndTime, e.PeakUsage, e.AverageUsage, e.SampleCount, e.Persistent);

    /// <summary>A stored episode on the wire.</summary>
    public static PersistentUserInfo ToInfo(this PersistentUserRecord r, TimeSpan persistentTime) =>
        new(r.Username, r.Metric, r.StartTime, r.EndTime, r.PeakUsage, r.AverageUsage, r.SampleCount, ((r.EndTime ?? DateTimeOffset.UtcNow) - r.StartTime) >= persistentTime);

    /// <summary>Thresholds on the wire, for threshold lines.</summary>
    public static ThresholdsInfo ToInfo(this Thresholds t) => new(
        t.SystemCpuPercent,
        t.SystemMemoryPercent,
        t.DefaultUser.CpuPercent,
        t.DefaultUser.MemoryPercent,
        t.PerUser.ToDictionary(p => p.Key, p => new UserThresholdInfo(p.Value.CpuPercent, p.Value.MemoryPercent, true), StringComparer.Ordinal));

    /// <summary>A system chart bucket as a point.</summary>
    public static HistoryPoint ToPoint(this SystemMetricsBucket b) => new(
        b.Start, b.CpuAvgPercent, b.CpuPeakPercent, b.MemoryAvgPercent, b.MemoryPeakPercent, b.DiskMaxPercent, b.NetworkRxAvgBytesPerSec, b.NetworkTxAvgBytesPerSec, b.LoadAvg1Avg);

    /// <summary>A user chart bucket as a point.</summary>
    public static HistoryPoint ToPoint(this UserMetricsBucket b) => new(b.Start, b.CpuAvgPercent, b.CpuPeakPercent, b.MemoryAvgPercent, b.MemoryPeakPercent);
}

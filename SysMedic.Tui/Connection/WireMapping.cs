using SysMedic.Core.Health;
using SysMedic.Core.Protocol;
using Wire = SysMedic.Core.Protocol;

namespace SysMedic.Tui.Connection;

/// <summary>From the protocol's wire types to what the console's screens read; one place for every agent connection.</summary>
public static class WireMapping
{
    /// <summary>The monitored host as a hello describes it.</summary>
    public static HostInfo ToHost(this HelloMessage hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        return new HostInfo(hello.Host, hello.Kernel, hello.CpuCount);
    }

    /// <summary>The live interval of a hello; 2 s when it names none that makes sense.</summary>
    public static TimeSpan LiveInterval(this HelloMessage hello)
    {
        ArgumentNullException.ThrowIfNull(hello);
        return hello.LiveIntervalSeconds is > 0 and < 3600 ? TimeSpan.FromSeconds(hello.LiveIntervalSeconds) : TimeSpan.FromSeconds(2);
    }

    /// <summary>The thresholds a snapshot message carries.</summary>
    public static Thresholds ToThresholds(this ThresholdsInfo t)
    {
        ArgumentNullException.ThrowIfNull(t);
        return new Thresholds
        {
            SystemCpuPercent = t.SystemCpuPercent,
            SystemMemoryPercent = t.SystemMemoryPercent,
            DefaultUser = new UserThreshold(t.UserCpuPercent, t.UserMemoryPercent),
            PerUser = (t.PerUser ?? new Dictionary<string, UserThresholdInfo>()).ToDictionary(p => p.Key, p => new UserThreshold(p.Value.CpuPercent, p.Value.MemoryPercent), StringComparer.Ordinal),
        };
    }

    /// <summary>
    /// A system history point. A figure the agent did not send (an older agent sends CPU and memory only) is NaN,
    /// which charts leave empty.
    /// </summary>
    public static SystemPoint ToSystemPoint(this HistoryPoint p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new SystemPoint(p.Timestamp, p.CpuPercent, p.MemoryPercent, p.DiskPercent ?? double.NaN, p.NetworkRxBytesPerSec ?? double.NaN, p.NetworkTxBytesPerSec ?? double.NaN, p.LoadAvg1 ?? double.NaN)
        {
            CpuPeakPercent = p.CpuPeak,
            MemoryPeakPercent = p.MemoryPeak,
        };
    }

    /// <summary>A user history point.</summary>
    public static UserPoint ToUserPoint(this HistoryPoint p)
    {
        ArgumentNullException.ThrowIfNull(p);
        return new UserPoint(p.Timestamp, p.CpuPercent, p.MemoryPercent);
    }

    /// <summary>A persistent episode as the drill-down lists it: "cpu, peak 93.1%".</summary>
    public static PersistentEpisode ToEpisode(this PersistentUserInfo e)
    {
        ArgumentNullException.ThrowIfNull(e);
        string reason = string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{e.Metric}, peak {e.PeakUsage:0.0}%{(e.Persistent ? "" : " (not yet persistent)")}");
        return new PersistentEpisode(e.StartTime, e.EndTime, reason);
    }

    /// <summary>The drill-down of a user detail result and that user's history.</summary>
    public static UserDetail ToUserDetail(this UserDetailResult r, IReadOnlyList<UserPoint> history)
    {
        ArgumentNullException.ThrowIfNull(r);
        return new UserDetail(
            r.User,
            new UserThreshold(r.Threshold.CpuPercent, r.Threshold.MemoryPercent),
            r.Threshold.Custom,
            r.Processes ?? [],
            history,
            [.. (r.Episodes ?? []).Select(ToEpisode)]);
    }
}

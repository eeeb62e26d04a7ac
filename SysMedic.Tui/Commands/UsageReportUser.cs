namespace SysMedic.Tui.Commands;

/// <summary>
/// One user in <c>sysmedic usage</c>: CPU core-seconds and their share of the machine's capacity (percent), the part
/// from processes that ended, resident memory (average of the checks and peak, bytes; percent of RAM), disk bytes,
/// processes first seen, the checks that had the user, and whether CPU came from the user's slice.
/// </summary>
public sealed record UsageReportUser(
    string Username,
    double CpuSeconds,
    double CpuSharePercent,
    double ExitedCpuSeconds,
    long MemoryAvgBytes,
    long MemoryPeakBytes,
    double MemoryAvgPercent,
    double MemoryPeakPercent,
    long DiskReadBytes,
    long DiskWriteBytes,
    long NewProcesses,
    int Checks,
    bool CpuFromSlice)
{
    /// <summary>The user of a stored summary, with CPU as a share of <paramref name="capacitySeconds"/>.</summary>
    public static UsageReportUser Of(Core.Storage.UserUsageSummary u, double capacitySeconds)
    {
        ArgumentNullException.ThrowIfNull(u);
        return new UsageReportUser(
            u.Username,
            Math.Round(u.CpuSeconds, 3),
            capacitySeconds > 0 ? Math.Round(100 * u.CpuSeconds / capacitySeconds, 2) : 0,
            Math.Round(u.ExitedCpuSeconds, 3),
            (long)Math.Round(u.RssAvgBytes),
            u.RssMaxBytes,
            Math.Round(u.MemoryAvgPercent, 2),
            u.MemoryPeakPercent,
            u.DiskReadBytes,
            u.DiskWriteBytes,
            u.NewProcesses,
            u.Checks,
            u.CpuFromSlice);
    }
}

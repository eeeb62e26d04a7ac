using System.Text.Json.Serialization;
using SysMedic.Core.Storage;

namespace SysMedic.Tui.Commands;

/// <summary>
/// What <c>sysmedic usage --json</c> prints: the range, what the stored checks cover of it, the machine's CPU
/// capacity in that time, and each user's usage, most CPU first (fields in docs/cli.md).
/// </summary>
public sealed record UsageReport(
    DateTimeOffset From,
    DateTimeOffset To,
    int Checks,
    double CoveredSeconds,
    double CpuCapacitySeconds,
    long ProcessesStarted,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] UsagePressure? Pressure,
    IReadOnlyList<UsageReportUser> Users)
{
    /// <summary>The report of a stored summary.</summary>
    public static UsageReport Of(UsageSummary summary)
    {
        ArgumentNullException.ThrowIfNull(summary);
        SystemUsageSummary s = summary.System;
        return new UsageReport(
            summary.From,
            summary.To,
            s.Checks,
            s.Seconds,
            s.CpuCapacitySeconds,
            s.ProcessesStarted,
            UsagePressure.Of(s),
            [.. summary.Users.Select(u => UsageReportUser.Of(u, s.CpuCapacitySeconds))]);
    }
}

namespace SysMedic.Core.Config;

/// <summary>The <c>users</c> section: thresholds that apply to every user without an entry in <c>user_thresholds</c>.</summary>
public sealed record UsersSection
{
    /// <summary>A user's CPU usage, in percent of the whole machine, above which the user is flagged.</summary>
    public double CpuThreshold { get; init; } = 80;

    /// <summary>A user's memory usage, in percent of physical memory, above which the user is flagged.</summary>
    public double MemoryThreshold { get; init; } = 80;

    /// <summary>Minutes a user must stay above a threshold to be reported as a persistent user.</summary>
    public int PersistentTime { get; init; } = 60;
}

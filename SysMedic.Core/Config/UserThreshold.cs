namespace SysMedic.Core.Config;

/// <summary>One entry of <c>user_thresholds</c>: a user's own limits; a null value falls back to the <c>users</c> section.</summary>
public sealed record UserThreshold
{
    /// <summary>The user's CPU threshold in percent of the whole machine, or null for the default.</summary>
    public double? CpuThreshold { get; init; }

    /// <summary>The user's memory threshold in percent, or null for the default.</summary>
    public double? MemoryThreshold { get; init; }
}

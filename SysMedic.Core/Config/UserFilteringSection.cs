namespace SysMedic.Core.Config;

/// <summary>The <c>user_filtering</c> section: which users are tracked at all.</summary>
public sealed record UserFilteringSection
{
    /// <summary>The lowest uid counted as a real (human) user.</summary>
    public int MinUidForRealUsers { get; init; } = 1000;

    /// <summary>Whether users below <see cref="MinUidForRealUsers"/> are left out.</summary>
    public bool IgnoreSystemUsers { get; init; } = true;

    /// <summary>CPU usage, in percent of the whole machine, below which a user is not tracked.</summary>
    public double MinCpuPercent { get; init; } = 5.0;

    /// <summary>Memory usage, in percent, below which a user is not tracked.</summary>
    public double MinMemoryPercent { get; init; } = 5.0;

    /// <summary>User names that are never tracked.</summary>
    public IReadOnlyList<string> ExcludedUsers { get; init; } = ["root", "daemon", "www-data"];
}

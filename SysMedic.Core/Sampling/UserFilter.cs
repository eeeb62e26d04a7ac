namespace SysMedic.Core.Sampling;

/// <summary>
/// Which users appear in the users list (never in the process list): the user_filtering rules. A user is listed
/// unless excluded by name, or a system account (uid below <see cref="MinUidForRealUsers"/>, or 65534 "nobody")
/// while <see cref="IgnoreSystemUsers"/> is on, or below both <see cref="MinCpuPercent"/> and
/// <see cref="MinMemoryPercent"/>.
/// </summary>
public sealed record UserFilter
{
    /// <summary>The overflow uid, "nobody": a system account whatever its number.</summary>
    public const uint NobodyUid = 65534;

    /// <summary>The guide's defaults.</summary>
    public static UserFilter Default { get; } = new();

    /// <summary>Lists every user with any process: no filtering at all.</summary>
    public static UserFilter None { get; } = new()
    {
        IgnoreSystemUsers = false,
        MinCpuPercent = 0,
        MinMemoryPercent = 0,
        ExcludedUsers = new HashSet<string>(),
    };

    /// <summary>Lowest uid of a real (human) user.</summary>
    public uint MinUidForRealUsers { get; init; } = 1000;

    /// <summary>Whether system accounts are left out.</summary>
    public bool IgnoreSystemUsers { get; init; } = true;

    /// <summary>A user at or above this CPU% is listed, in percent of the machine.</summary>
    public double MinCpuPercent { get; init; } = 5.0;

    /// <summary>A user at or above this memory% is listed.</summary>
    public double MinMemoryPercent { get; init; } = 5.0;

    /// <summary>User names never listed.</summary>
    public IReadOnlySet<string> ExcludedUsers { get; init; } = new HashSet<string>(StringComparer.Ordinal) { "root", "daemon", "www-data" };

    /// <summary>Whether a user with this usage appears in the users list.</summary>
    public bool Includes(uint uid, string username, double cpuPercent, double memoryPercent) =>
        Counts(uid, username) && (cpuPercent >= MinCpuPercent || memoryPercent >= MinMemoryPercent);

    /// <summary>
    /// Whether the user is one the rules can list at all: not excluded by name, and not a system account while those
    /// are ignored. The usage accounting stores these users whatever their share.
    /// </summary>
    public bool Counts(uint uid, string username) =>
        !ExcludedUsers.Contains(username) && !(IgnoreSystemUsers && (uid < MinUidForRealUsers || uid == NobodyUid));
}

namespace SysMedic.Tui.Connection;

/// <summary>An alert as the agent reports it; <see cref="ResolvedAt"/> is null while it is unresolved.</summary>
public sealed record AlertInfo(
    long Id,
    DateTimeOffset Timestamp,
    string Severity,
    string Kind,
    string? User,
    string Message,
    DateTimeOffset? ResolvedAt = null,
    string? ResolvedBy = null,
    string? Note = null)
{
    /// <summary>True once someone resolved it.</summary>
    public bool IsResolved => ResolvedAt is not null;

    /// <summary>System CPU when it was raised, percent of the machine.</summary>
    public double SystemCpuPercent { get; init; }

    /// <summary>System memory when it was raised, percent.</summary>
    public double SystemMemoryPercent { get; init; }

    /// <summary>How long the condition had lasted when it was raised, in minutes.</summary>
    public int DurationMinutes { get; init; }

    /// <summary>What the agent found behind it (a user, a process), one line.</summary>
    public string PrimaryCause { get; init; } = "";

    /// <summary>The per-user lines of the alert, newline-separated.</summary>
    public string UserDetails { get; init; } = "";
}

using SysMedic.Core.Alerts;

namespace SysMedic.Core.Storage;

/// <summary>Which alerts <see cref="AlertStore.List"/> returns; unresolved come first, newest first within each.</summary>
public sealed record AlertFilter
{
    /// <summary>Include resolved alerts too (the default shows only unresolved ones).</summary>
    public bool IncludeResolved { get; init; }

    /// <summary>Only this type, or any.</summary>
    public AlertType? Type { get; init; }

    /// <summary>Only this severity, or any.</summary>
    public AlertSeverity? Severity { get; init; }

    /// <summary>Only alerts raised at or after this time, or any.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>At most this many rows.</summary>
    public int Limit { get; init; } = 100;
}

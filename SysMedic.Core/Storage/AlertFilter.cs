namespace SysMedic.Core.Storage;

/// <summary>Which alerts <see cref="AlertStore.List"/> returns; unresolved come first, newest first within each.</summary>
public sealed record AlertFilter
{
    /// <summary>Include resolved alerts too (the default shows only unresolved ones).</summary>
    public bool IncludeResolved { get; init; }

    /// <summary>Only this <c>alert_type</c>, or any.</summary>
    public string? AlertType { get; init; }

    /// <summary>Only this severity, or any.</summary>
    public string? Severity { get; init; }

    /// <summary>Only alerts raised at or after this time, or any.</summary>
    public DateTimeOffset? Since { get; init; }

    /// <summary>At most this many rows.</summary>
    public int Limit { get; init; } = 100;
}

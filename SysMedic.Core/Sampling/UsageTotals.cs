namespace SysMedic.Core.Sampling;

/// <summary>Every user's usage since <see cref="Since"/> (when the sampler started), by uid.</summary>
public sealed record UsageTotals(DateTimeOffset Since, IReadOnlyList<UserTotal> Users);

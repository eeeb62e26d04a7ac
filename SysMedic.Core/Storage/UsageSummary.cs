namespace SysMedic.Core.Storage;

/// <summary>Usage over [<see cref="From"/>, <see cref="To"/>): the machine, and each user, most CPU first.</summary>
public sealed record UsageSummary(DateTimeOffset From, DateTimeOffset To, SystemUsageSummary System, IReadOnlyList<UserUsageSummary> Users);

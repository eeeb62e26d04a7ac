namespace SysMedic.Core.Storage;

/// <summary>One table's row count and the time range of its rows (null when empty).</summary>
public sealed record TableStats(string Name, long Rows, DateTimeOffset? Oldest, DateTimeOffset? Newest);

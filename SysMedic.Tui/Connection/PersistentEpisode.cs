namespace SysMedic.Tui.Connection;

/// <summary>A span during which a user stayed over their threshold; <see cref="End"/> is null while it lasts.</summary>
public sealed record PersistentEpisode(DateTimeOffset Start, DateTimeOffset? End, string Reason);

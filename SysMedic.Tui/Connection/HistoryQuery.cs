namespace SysMedic.Tui.Connection;

/// <summary>A history request: the span back from now, and optionally one user's figures too.</summary>
public sealed record HistoryQuery(TimeSpan Span, string? User = null);

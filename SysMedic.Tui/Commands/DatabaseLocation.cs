namespace SysMedic.Tui.Commands;

/// <summary>The database a <c>db</c> command works on, and how many days of history it keeps.</summary>
public sealed record DatabaseLocation(string Path, int RetentionDays);

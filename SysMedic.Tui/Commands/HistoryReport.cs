using SysMedic.Core.Protocol;

namespace SysMedic.Tui.Commands;

/// <summary>What <c>sysmedic history --json</c> prints: the system's or one user's chart points over a range.</summary>
public sealed record HistoryReport(string Scope, string? User, DateTimeOffset From, DateTimeOffset To, IReadOnlyList<HistoryPoint> Points);

namespace SysMedic.Tui.Connection;

/// <summary>The answer to a <see cref="HistoryQuery"/>, oldest point first.</summary>
public sealed record HistoryResult(IReadOnlyList<SystemPoint> System, IReadOnlyList<UserPoint> User)
{
    /// <summary>No points at all.</summary>
    public static HistoryResult Empty { get; } = new([], []);
}

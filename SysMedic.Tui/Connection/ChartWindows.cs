namespace SysMedic.Tui.Connection;

/// <summary>How far back the console's live charts reach: what a connection fetches to fill them.</summary>
public static class ChartWindows
{
    /// <summary>The dashboard's panels and the drill-down's charts.</summary>
    public static readonly TimeSpan Live = TimeSpan.FromMinutes(5);
}

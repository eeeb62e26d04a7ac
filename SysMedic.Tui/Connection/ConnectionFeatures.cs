namespace SysMedic.Tui.Connection;

/// <summary>What a connection can answer besides the live snapshots.</summary>
[Flags]
public enum ConnectionFeatures
{
    /// <summary>Live snapshots only.</summary>
    None = 0,

    /// <summary>Recent figures kept while the connection has been open (the last minutes).</summary>
    RecentHistory = 1,

    /// <summary>Stored history over hours and days, persistent episodes.</summary>
    StoredHistory = 2,

    /// <summary>Alerts, and resolving them.</summary>
    Alerts = 4,

    /// <summary>Past moments as recorded: the processes running at a check (stored by the agent; kept in memory by the embedded sampler).</summary>
    Replay = 8,
}

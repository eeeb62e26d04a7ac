namespace SysMedic.Tui.Connection;

/// <summary>Where the console's data comes from.</summary>
public enum ConnectionKind
{
    /// <summary>A sampler inside the console process: live data only.</summary>
    Embedded,

    /// <summary>The local agent through its Unix socket.</summary>
    Local,

    /// <summary>A remote agent through its WebSocket relay.</summary>
    Remote,
}

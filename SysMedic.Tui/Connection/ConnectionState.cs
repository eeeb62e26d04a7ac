namespace SysMedic.Tui.Connection;

/// <summary>Where a connection stands, as the header shows it.</summary>
public enum ConnectionState
{
    /// <summary>Not started, or the first answer has not arrived yet.</summary>
    Connecting,

    /// <summary>Live data is arriving.</summary>
    Connected,

    /// <summary>The link dropped and the connection is trying again.</summary>
    Reconnecting,

    /// <summary>The link is gone and no retry is planned.</summary>
    Lost,
}

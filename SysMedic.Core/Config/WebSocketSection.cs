namespace SysMedic.Core.Config;

/// <summary>The <c>websocket</c> section: the relay that serves remote consoles.</summary>
public sealed record WebSocketSection
{
    /// <summary>Whether the relay may run.</summary>
    public bool Enabled { get; init; } = true;

    /// <summary>The address the relay listens on.</summary>
    public string Bind { get; init; } = "0.0.0.0";

    /// <summary>The TCP port the relay listens on.</summary>
    public int Port { get; init; } = 8060;

    /// <summary>The token remote clients must present; empty until <c>sysmedic websocket new-secret</c> makes one.</summary>
    public string Secret { get; init; } = "";

    /// <summary>Seconds between updates pushed to remote clients.</summary>
    public int UpdateInterval { get; init; } = 3;

    /// <summary>The most remote clients served at once.</summary>
    public int MaxClients { get; init; } = 100;

    /// <summary>The most connections one client address may hold at once (WebSocket clients and HTTP requests together).</summary>
    public int MaxConnectionsPerAddress { get; init; } = 16;

    /// <summary>Whether remote consoles may signal and renice processes (with the relay's rights); off by default.</summary>
    public bool AllowActions { get; init; }

    /// <summary>PEM certificate file; with <see cref="TlsKey"/> the relay speaks wss.</summary>
    public string TlsCert { get; init; } = "";

    /// <summary>PEM private key file for <see cref="TlsCert"/>.</summary>
    public string TlsKey { get; init; } = "";

    /// <summary>Whether both TLS files are set, so the relay serves wss.</summary>
    public bool UsesTls => TlsCert.Length > 0 && TlsKey.Length > 0;
}

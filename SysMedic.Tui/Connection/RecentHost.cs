using SysMedic.Core.Protocol;

namespace SysMedic.Tui.Connection;

/// <summary>A relay the console connected to: where, with which secret, and when last.</summary>
public sealed record RecentHost(string Host, int Port, bool Tls, string Secret, DateTimeOffset LastUsed)
{
    /// <summary>The Quick Connect URL of this host.</summary>
    public QuickConnectUrl ToUrl() => new(Secret, Host, Port, Tls);

    /// <summary>"host:port" (with " TLS"), as the Connect form lists it.</summary>
    public string Label => $"{Host}:{Port}{(Tls ? " TLS" : "")}";
}

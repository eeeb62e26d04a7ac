using System.Diagnostics.CodeAnalysis;
using SysMedic.Core.Protocol;

namespace SysMedic.Tui.Connection;

/// <summary>
/// A host in hosts.yaml: where its relay is, its secret (inline, or <see cref="SecretFile"/> read at connect time),
/// and when it was last used. An entry the operator named (<c>sysmedic hosts add</c>, Fleet &gt; Add host) has an
/// <see cref="ExplicitName"/> and is kept until removed; one remembered at connect has none, is named by its address,
/// and may be dropped when more than <see cref="RecentHosts.MaxHosts"/> such entries pile up.
/// </summary>
public sealed record RecentHost(string Host, int Port, bool Tls, string Secret, DateTimeOffset LastUsed)
{
    /// <summary>The name the operator gave the host (<c>name:</c> in the file); null for a host remembered at connect.</summary>
    public string? ExplicitName { get; init; }

    /// <summary>
    /// The absolute path of a file holding the secret (<c>secret_file:</c>), read at each connect; null when the
    /// secret is inline in <see cref="Secret"/> (which is then empty).
    /// </summary>
    public string? SecretFile { get; init; }

    /// <summary>What the operator calls the host: <see cref="ExplicitName"/>, else the address as written.</summary>
    public string Name => ExplicitName ?? Host;

    /// <summary>True when the operator named this entry: it is not dropped to make room, and its name is written.</summary>
    public bool Named => ExplicitName is not null;

    /// <summary>"host:port" (with " TLS"), as the Connect form lists it.</summary>
    public string Label => $"{Host}:{Port}{(Tls ? " TLS" : "")}";

    /// <summary>The Quick Connect URL of a host whose secret is inline (for a <see cref="SecretFile"/>, see <see cref="TryGetUrl"/>).</summary>
    public QuickConnectUrl ToUrl() => new(Secret, Host, Port, Tls);

    /// <summary>
    /// The Quick Connect URL with the secret, read from <see cref="SecretFile"/> now when there is one; on failure
    /// <paramref name="error"/> names the host, the file and why: <c>web01: secret file /etc/x: No such file or directory</c>.
    /// </summary>
    public bool TryGetUrl([NotNullWhen(true)] out QuickConnectUrl? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        if (SecretFile is null)
        {
            if (Secret.Length == 0)
            {
                error = $"{Name}: no secret";
                return false;
            }

            url = ToUrl();
            error = null;
            return true;
        }

        if (!SecretFileReader.TryRead(SecretFile, out string? secret, out string? reason))
        {
            error = $"{Name}: secret file {SecretFile}: {reason}";
            return false;
        }

        url = new QuickConnectUrl(secret, Host, Port, Tls);
        error = null;
        return true;
    }

    /// <summary>True when this entry is the relay at <paramref name="host"/> and <paramref name="port"/> (host names ignore case).</summary>
    public bool IsAt(string host, int port) => Port == port && string.Equals(Host, host, StringComparison.OrdinalIgnoreCase);
}

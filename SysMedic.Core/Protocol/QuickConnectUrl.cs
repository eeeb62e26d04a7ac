using System.Diagnostics.CodeAnalysis;
using System.Globalization;

namespace SysMedic.Core.Protocol;

/// <summary>
/// A Quick Connect URL, <c>sysmedic://SECRET@HOST:PORT/</c> (or <c>sysmedics://</c> when the relay serves TLS):
/// everything a remote console needs to reach a relay. The secret is the relay's token, base64url, so it needs no
/// escaping; an IPv6 host is written in brackets. On a command line the secret would show in ps, so the address
/// alone, <c>sysmedic://HOST:PORT/</c>, is read by <see cref="TryParseAddress"/> and the secret comes from elsewhere.
/// </summary>
public sealed record QuickConnectUrl(string Secret, string Host, int Port, bool Tls)
{
    /// <summary>The scheme of a relay without TLS.</summary>
    public const string Scheme = "sysmedic";

    /// <summary>The scheme of a relay serving TLS (wss).</summary>
    public const string TlsScheme = "sysmedics";

    /// <summary>The relay's port when a URL names none.</summary>
    public const int DefaultPort = 8060;

    /// <summary>The WebSocket endpoint this URL points at: <c>ws://HOST:PORT/ws</c> or <c>wss://...</c>.</summary>
    public Uri WebSocketUri => new($"{(Tls ? "wss" : "ws")}://{HostForUri(Host)}:{Port.ToString(CultureInfo.InvariantCulture)}/ws");

    /// <summary>The URL with the secret, as <c>sysmedic websocket status</c> prints it.</summary>
    public override string ToString() =>
        $"{(Tls ? TlsScheme : Scheme)}://{Uri.EscapeDataString(Secret)}@{HostForUri(Host)}:{Port.ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>The URL with the secret hidden, for logs and titles.</summary>
    public string ToRedactedString() =>
        $"{(Tls ? TlsScheme : Scheme)}://****@{HostForUri(Host)}:{Port.ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>The URL without its secret: where the relay is.</summary>
    public string ToAddressString() =>
        $"{(Tls ? TlsScheme : Scheme)}://{HostForUri(Host)}:{Port.ToString(CultureInfo.InvariantCulture)}/";

    /// <summary>Reads a Quick Connect URL; on failure <paramref name="error"/> names what is wrong.</summary>
    public static bool TryParse(string text, [NotNullWhen(true)] out QuickConnectUrl? url, [NotNullWhen(false)] out string? error) =>
        TryParse(text, secretRequired: true, out url, out error);

    /// <summary>
    /// Reads a Quick Connect URL that may leave out its secret (<c>sysmedic://HOST:PORT/</c>): then
    /// <see cref="Secret"/> is empty; on failure <paramref name="error"/> names what is wrong.
    /// </summary>
    public static bool TryParseAddress(string text, [NotNullWhen(true)] out QuickConnectUrl? url, [NotNullWhen(false)] out string? error) =>
        TryParse(text, secretRequired: false, out url, out error);

    private static bool TryParse(string text, bool secretRequired, [NotNullWhen(true)] out QuickConnectUrl? url, [NotNullWhen(false)] out string? error)
    {
        url = null;
        text = text.Trim();
        if (!Uri.TryCreate(text, UriKind.Absolute, out Uri? uri))
        {
            error = $"'{Redact(text)}' is not a URL; expected sysmedic://SECRET@HOST:PORT/";
            return false;
        }

        bool tls;
        if (string.Equals(uri.Scheme, Scheme, StringComparison.OrdinalIgnoreCase))
        {
            tls = false;
        }
        else if (string.Equals(uri.Scheme, TlsScheme, StringComparison.OrdinalIgnoreCase))
        {
            tls = true;
        }
        else
        {
            error = $"unknown scheme '{uri.Scheme}'; expected sysmedic:// or sysmedics://";
            return false;
        }

        string secret = Uri.UnescapeDataString(uri.UserInfo);
        if (secret.Length == 0 && secretRequired)
        {
            error = "the URL has no secret; expected sysmedic://SECRET@HOST:PORT/";
            return false;
        }

        if (secret.Contains(':', StringComparison.Ordinal))
        {
            error = "the secret must not contain ':' (a relay secret is base64url)";
            return false;
        }

        string host = uri.Host;
        if (host.Length == 0)
        {
            error = "the URL has no host";
            return false;
        }

        if (host.StartsWith('[') && host.EndsWith(']'))
        {
            host = host[1..^1];
        }

        if (uri.AbsolutePath is not ("/" or "") || uri.Query.Length > 0 || uri.Fragment.Length > 0)
        {
            error = "a Quick Connect URL has no path, query or fragment";
            return false;
        }

        int port = uri.IsDefaultPort || uri.Port < 0 ? DefaultPort : uri.Port;
        if (port is < 1 or > 65535)
        {
            error = $"port {port} is out of range 1-65535";
            return false;
        }

        url = new QuickConnectUrl(secret, host, port, tls);
        error = null;
        return true;
    }

    private static string HostForUri(string host) => host.Contains(':', StringComparison.Ordinal) ? $"[{host}]" : host;

    private static string Redact(string text)
    {
        int at = text.IndexOf('@', StringComparison.Ordinal);
        int start = text.IndexOf("://", StringComparison.Ordinal);
        return at > 0 && start >= 0 && at > start ? string.Concat(text.AsSpan(0, start + 3), "****", text.AsSpan(at)) : text;
    }
}

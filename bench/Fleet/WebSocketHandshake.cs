using System.Net.Sockets;
using System.Security.Cryptography;
using System.Text;
using SysMedic.Core.Protocol;

namespace SysMedic.Bench.Fleet;

/// <summary>
/// The relay's HTTP side of <c>GET /ws</c> (RFC 6455, section 4.2), as the relay answers it: 404 for another path,
/// 401 without the secret (<c>Authorization: Bearer</c>, or the subprotocols <c>sysmedic.v1, token.SECRET</c>), 400
/// for a feed other than <c>snapshot</c> or <c>summary</c> or a request that is not an upgrade, else 101.
/// </summary>
public static class WebSocketHandshake
{
    private const int MaxRequestBytes = 8192;
    private const string AcceptGuid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11";

    /// <summary>
    /// Reads the request from <paramref name="stream"/> and answers it; the feed asked for when the upgrade was
    /// accepted, else null (the refusal has been sent).
    /// </summary>
    public static async Task<string?> AcceptAsync(NetworkStream stream, string secret, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(stream);
        string? request = await ReadRequestAsync(stream, cancellationToken);
        if (request is null)
        {
            return null;
        }

        string[] lines = request.Split("\r\n");
        string[] start = lines[0].Split(' ');
        var headers = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (string line in lines.Skip(1))
        {
            int colon = line.IndexOf(':', StringComparison.Ordinal);
            if (colon > 0)
            {
                headers[line[..colon].Trim()] = line[(colon + 1)..].Trim();
            }
        }

        string target = start.Length > 1 ? start[1] : "";
        string path = target.Split('?')[0];
        if (path != "/ws")
        {
            await RespondAsync(stream, "404 Not Found", "", cancellationToken);
            return null;
        }

        if (start[0] != "GET")
        {
            await RespondAsync(stream, "405 Method Not Allowed", "Allow: GET\r\n", cancellationToken);
            return null;
        }

        string protocols = headers.GetValueOrDefault("Sec-WebSocket-Protocol", "");
        bool bySubprotocol = protocols.Split(',').Select(p => p.Trim()).Contains("token." + secret, StringComparer.Ordinal);
        if (headers.GetValueOrDefault("Authorization") != "Bearer " + secret && !bySubprotocol)
        {
            await RespondAsync(stream, "401 Unauthorized", "WWW-Authenticate: Bearer\r\n", cancellationToken);
            return null;
        }

        string feed = Query(target, "feed") ?? SubscribeRequest.Snapshots;
        if (!SubscribeRequest.IsFeed(feed))
        {
            await RespondAsync(stream, "400 Bad Request", "", cancellationToken);
            return null;
        }

        if (!headers.TryGetValue("Sec-WebSocket-Key", out string? key) || !string.Equals(headers.GetValueOrDefault("Upgrade"), "websocket", StringComparison.OrdinalIgnoreCase))
        {
            await RespondAsync(stream, "400 Bad Request", "", cancellationToken);
            return null;
        }

        // RFC 6455 fixes SHA-1 for the accept key: it proves the server read the handshake, it protects nothing.
#pragma warning disable CA5350
        string accept = Convert.ToBase64String(SHA1.HashData(Encoding.ASCII.GetBytes(key + AcceptGuid)));
#pragma warning restore CA5350
        string extra = $"Upgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Accept: {accept}\r\n{(bySubprotocol ? "Sec-WebSocket-Protocol: sysmedic.v1\r\n" : "")}";
        await RespondAsync(stream, "101 Switching Protocols", extra, cancellationToken);
        return feed;
    }

    private static async Task<string?> ReadRequestAsync(NetworkStream stream, CancellationToken cancellationToken)
    {
        // A client sends nothing after its request until it has the 101, so reading in chunks cannot take a frame.
        var buffer = new byte[MaxRequestBytes];
        int length = 0;
        while (length < buffer.Length)
        {
            int read = await stream.ReadAsync(buffer.AsMemory(length), cancellationToken);
            if (read == 0)
            {
                return null;
            }

            length += read;
            int end = buffer.AsSpan(0, length).IndexOf("\r\n\r\n"u8);
            if (end >= 0)
            {
                return Encoding.ASCII.GetString(buffer, 0, end);
            }
        }

        return null;
    }

    private static string? Query(string target, string name)
    {
        int q = target.IndexOf('?', StringComparison.Ordinal);
        if (q < 0)
        {
            return null;
        }

        foreach (string pair in target[(q + 1)..].Split('&'))
        {
            string[] kv = pair.Split('=', 2);
            if (kv[0] == name)
            {
                return Uri.UnescapeDataString(kv.Length > 1 ? kv[1] : "");
            }
        }

        return null;
    }

    private static async Task RespondAsync(NetworkStream stream, string status, string headers, CancellationToken cancellationToken)
    {
        bool upgrade = status.StartsWith("101", StringComparison.Ordinal);
        string text = $"HTTP/1.1 {status}\r\n{headers}{(upgrade ? "" : "Content-Length: 0\r\nConnection: close\r\n")}\r\n";
        await stream.WriteAsync(Encoding.ASCII.GetBytes(text), cancellationToken);
    }
}

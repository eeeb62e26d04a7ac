using System.Net;
using System.Net.WebSockets;
using System.Text.Json;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Primitives;
using SysMedic.Core.Protocol;

namespace SysMedic.Agent.Relay;

/// <summary>
/// The relay's four endpoints. <c>/ws</c>, <c>/status</c> and <c>/metrics</c> need the secret (<c>Authorization:
/// Bearer</c>, or for a browser's WebSocket the subprotocols <c>sysmedic.v1, token.SECRET</c>); <c>/health</c> is open
/// and says up or down only. A wrong or missing secret gets 401 with nothing else; an address that keeps failing is
/// slowed, then refused with 429 for a while.
/// </summary>
public sealed class RelayEndpoints(RelayHub hub, AuthThrottle throttle, ILogger logger, string version, CancellationToken stopping)
{
    /// <summary>The subprotocol a browser asks for, and the relay echoes.</summary>
    public const string SubProtocol = "sysmedic.v1";

    /// <summary>Prefix of the subprotocol that carries the secret.</summary>
    public const string TokenPrefix = "token.";

    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);
    private static readonly TimeSpan AlertsTimeout = TimeSpan.FromSeconds(3);

    /// <summary>Answers one HTTP request.</summary>
    public async Task HandleAsync(HttpContext context)
    {
        HttpResponse response = context.Response;
        response.Headers.CacheControl = "no-store";
        switch (context.Request.Path.Value)
        {
            case "/health":
                await HealthAsync(context);
                return;
            case "/ws" or "/status" or "/metrics":
                break;
            default:
                response.StatusCode = StatusCodes.Status404NotFound;
                return;
        }

        if (!HttpMethods.IsGet(context.Request.Method))
        {
            response.StatusCode = StatusCodes.Status405MethodNotAllowed;
            response.Headers.Allow = "GET";
            return;
        }

        IPAddress remote = RemoteAddress(context);
        AuthVerdict verdict = throttle.Check(remote);
        if (verdict.Refused)
        {
            response.StatusCode = StatusCodes.Status429TooManyRequests;
            response.Headers.RetryAfter = Math.Ceiling(verdict.RetryAfter.TotalSeconds).ToString(System.Globalization.CultureInfo.InvariantCulture);
            return;
        }

        var (presented, subprotocol) = Credentials(context);
        string secret = hub.Settings.Secret;
        if (!RelaySecret.Matches(presented, secret))
        {
            var (delay, blocked, failures) = throttle.RecordFailure(remote);
            if (blocked)
            {
                logger.LogWarning("{Remote}: {Failures} failed logins; refused for {Minutes} min", remote, failures, AuthThrottle.BlockFor.TotalMinutes);
            }
            else
            {
                logger.LogInformation("{Remote}: {Path}: {What} secret (failure {Failures})", remote, context.Request.Path.Value, presented is null ? "no" : "wrong", failures);
            }

            if (delay > TimeSpan.Zero)
            {
                await Task.Delay(delay, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
            }

            response.StatusCode = StatusCodes.Status401Unauthorized;
            response.Headers.WWWAuthenticate = "Bearer";
            return;
        }

        throttle.RecordSuccess(remote);
        switch (context.Request.Path.Value)
        {
            case "/ws":
                await WebSocketAsync(context, remote, presented!, subprotocol);
                break;
            case "/status":
                await StatusAsync(context);
                break;
            default:
                await MetricsAsync(context);
                break;
        }
    }

    private async Task WebSocketAsync(HttpContext context, IPAddress remote, string secret, bool subprotocol)
    {
        // A fleet view asks for the summary feed as it connects (?feed=summary), so no full snapshot is sent to it at all.
        string feed = context.Request.Query["feed"].ToString() is { Length: > 0 } asked ? asked : SubscribeRequest.Snapshots;
        if (!SubscribeRequest.IsFeed(feed))
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync($"feed must be {SubscribeRequest.Snapshots} or {SubscribeRequest.Summaries}, not \"{feed}\"\n", context.RequestAborted);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            await context.Response.WriteAsync("a WebSocket upgrade is expected here\n", context.RequestAborted);
            return;
        }

        if (!hub.TryReserve())
        {
            logger.LogWarning("{Remote}: refused, {Max} clients connected already (websocket.max_clients)", remote, hub.Settings.MaxClients);
            context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
            context.Response.Headers.RetryAfter = "30";
            return;
        }

        try
        {
            using WebSocket socket = await context.WebSockets.AcceptWebSocketAsync(new WebSocketAcceptContext
            {
                SubProtocol = subprotocol ? SubProtocol : null,
                KeepAliveInterval = KeepAlive,
                KeepAliveTimeout = KeepAlive,
            });
            using var ending = CancellationTokenSource.CreateLinkedTokenSource(context.RequestAborted, stopping);
            await hub.ServeAsync(socket, remote, secret, ending.Token, feed);
        }
        finally
        {
            hub.Release();
        }
    }

    private async Task HealthAsync(HttpContext context)
    {
        bool up = hub.Doctor.Hello is not null;
        context.Response.StatusCode = up ? StatusCodes.Status200OK : StatusCodes.Status503ServiceUnavailable;
        context.Response.ContentType = "application/json";
        var health = up ? new RelayHealth("up", null) : new RelayHealth("down", "doctor unavailable");
        await WriteJsonAsync(context, JsonSerializer.SerializeToUtf8Bytes(health, RelayJsonContext.Default.RelayHealth));
    }

    private async Task StatusAsync(HttpContext context)
    {
        var settings = hub.Settings;
        DateTimeOffset now = DateTimeOffset.UtcNow;
        var status = new RelayStatus(
            "relay", Environment.ProcessId, version, hub.StartedAt, Math.Round((now - hub.StartedAt).TotalSeconds, 1),
            settings.Bind, settings.Port, settings.UsesTls, hub.ClientCount, settings.MaxClients, settings.UpdateInterval,
            hub.Doctor.Hello is not null, hub.Doctor.DownReason, hub.Doctor.Hello?.Host, hub.Doctor.LatestSnapshot?.Snapshot.Timestamp,
            hub.Doctor.LatestSnapshot?.Storage);
        context.Response.ContentType = "application/json";
        await WriteJsonAsync(context, JsonSerializer.SerializeToUtf8Bytes(status, RelayJsonContext.Default.RelayStatus));
    }

    // The answers are a few hundred bytes: serialized at once, then written. JsonSerializer.SerializeAsync would be no
    // better here, and using it anywhere makes Native AOT compile its streaming serializer for every type any JSON
    // context in the binary describes (about 0.2 MB).
    private static Task WriteJsonAsync(HttpContext context, byte[] json)
    {
        context.Response.ContentLength = json.Length;
        return context.Response.Body.WriteAsync(json, context.RequestAborted).AsTask();
    }

    private async Task MetricsAsync(HttpContext context)
    {
        IReadOnlyList<AlertInfo>? alerts = null;
        if (hub.Doctor.Hello is not null)
        {
            var answer = await hub.Doctor.ForwardAsync(new AlertsRequest("metrics", All: false, Limit: 1000), AlertsTimeout, context.RequestAborted);
            alerts = (answer as AlertsResult)?.Alerts;
        }

        string text = RelayMetrics.Write(hub.Doctor.LatestSnapshot, hub.Doctor.Hello is not null, alerts, hub.ClientCount, DateTimeOffset.UtcNow);
        context.Response.ContentType = Core.Formatting.PrometheusWriter.ContentType;
        context.Response.Headers.Vary = "Accept-Encoding";

        // Prometheus asks for gzip: a scrape is then about a quarter of its size on the wire.
        if (!context.Request.Headers.AcceptEncoding.ToString().Contains("gzip", StringComparison.OrdinalIgnoreCase))
        {
            await context.Response.WriteAsync(text, context.RequestAborted);
            return;
        }

        context.Response.Headers.ContentEncoding = "gzip";
        await using (var gzip = new System.IO.Compression.GZipStream(context.Response.Body, System.IO.Compression.CompressionLevel.Fastest, leaveOpen: true))
        {
            await gzip.WriteAsync(System.Text.Encoding.UTF8.GetBytes(text), context.RequestAborted);
        }
    }

    /// <summary>The secret presented (header first, then subprotocol) and whether the client asked for <c>sysmedic.v1</c>.</summary>
    private static (string? Secret, bool SubProtocol) Credentials(HttpContext context)
    {
        string? secret = null;
        string authorization = context.Request.Headers.Authorization.ToString();
        if (authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            secret = authorization["Bearer ".Length..].Trim();
        }

        bool asked = false;
        StringValues protocols = context.Request.Headers.SecWebSocketProtocol;
        foreach (string? header in protocols)
        {
            foreach (string item in (header ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                if (item == SubProtocol)
                {
                    asked = true;
                }
                else if (item.StartsWith(TokenPrefix, StringComparison.Ordinal) && secret is null)
                {
                    secret = item[TokenPrefix.Length..];
                }
            }
        }

        return (secret, asked);
    }

    private static IPAddress RemoteAddress(HttpContext context)
    {
        IPAddress address = context.Connection.RemoteIpAddress ?? IPAddress.None;
        return address.IsIPv4MappedToIPv6 ? address.MapToIPv4() : address;
    }
}

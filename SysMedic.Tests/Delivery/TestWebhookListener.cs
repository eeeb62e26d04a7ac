using System.Collections.Concurrent;
using System.Net;

namespace SysMedic.Tests.Delivery;

/// <summary>A real HTTP listener on 127.0.0.1 that records every request and answers <see cref="Status"/>.</summary>
internal sealed class TestWebhookListener : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly Task _serving;

    public TestWebhookListener()
    {
        Port = FreePort.Next();
        _listener.Prefixes.Add($"http://127.0.0.1:{Port}/");
        _listener.Start();
        _serving = Task.Run(ServeAsync);
    }

    public int Port { get; }

    /// <summary>The status code given to the next requests.</summary>
    public HttpStatusCode Status { get; set; } = HttpStatusCode.NoContent;

    /// <summary>When set, requests are read but never answered (until the listener is disposed).</summary>
    public bool Hang { get; set; }

    public ConcurrentQueue<WebhookRequest> Requests { get; } = new();

    public string UrlFor(string path) => $"http://127.0.0.1:{Port}{path}";

    public void Dispose()
    {
        _listener.Close();
        try
        {
            _serving.Wait();
        }
        catch (AggregateException)
        {
        }
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception ex) when (ex is HttpListenerException or ObjectDisposedException or InvalidOperationException)
            {
                return;
            }

            using (var reader = new StreamReader(context.Request.InputStream, context.Request.ContentEncoding))
            {
                string body = await reader.ReadToEndAsync();
                Requests.Enqueue(new WebhookRequest(context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.ContentType, body));
            }

            if (Hang)
            {
                continue;
            }

            context.Response.StatusCode = (int)Status;
            context.Response.Close();
        }
    }
}

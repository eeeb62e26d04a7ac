using System.Text;

namespace SysMedic.Agent.Delivery;

/// <summary>Posts one rendered webhook body with <see cref="HttpClient"/>.</summary>
public sealed class WebhookSender : IDisposable
{
    /// <summary>The longest wait for a webhook to answer.</summary>
    public static readonly TimeSpan DefaultTimeout = TimeSpan.FromSeconds(10);

    private readonly HttpClient _http;
    private readonly TimeSpan _timeout;

    public WebhookSender(TimeSpan? timeout = null)
    {
        _timeout = timeout ?? DefaultTimeout;
        _http = new HttpClient { Timeout = _timeout };
    }

    /// <summary>
    /// The URL with its path hidden: Slack and Discord webhook URLs carry their secret token in the path, and this
    /// form goes into logs and errors.
    /// </summary>
    public static string Redact(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) ? $"{uri.Scheme}://{uri.Authority}/…" : "(not a URL)";

    /// <summary>POSTs the body as <c>application/json</c>; throws <see cref="DeliveryException"/> unless the answer is 2xx.</summary>
    public async Task SendAsync(WebhookPayload payload, CancellationToken cancellationToken)
    {
        string target = Redact(payload.Url);
        if (!Uri.TryCreate(payload.Url, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps))
        {
            throw new DeliveryException($"{target} is not an http or https URL");
        }

        using var content = new StringContent(payload.Body, Encoding.UTF8, "application/json");
        HttpResponseMessage response;
        try
        {
            response = await _http.PostAsync(uri, content, cancellationToken).ConfigureAwait(false);
        }
        catch (OperationCanceledException ex) when (!cancellationToken.IsCancellationRequested)
        {
            throw new DeliveryException($"{target} did not answer within {_timeout.TotalSeconds:0.#} s", ex, unreachable: true);
        }
        catch (HttpRequestException ex)
        {
            throw new DeliveryException($"cannot post to {target}: {ex.Message}", ex, unreachable: true);
        }

        using (response)
        {
            if (!response.IsSuccessStatusCode)
            {
                string answer = await ReadStartAsync(response, cancellationToken).ConfigureAwait(false);
                throw new DeliveryException($"{target} answered HTTP {(int)response.StatusCode} {response.ReasonPhrase}{answer}");
            }
        }
    }

    public void Dispose() => _http.Dispose();

    // The start of an error answer often says what is wrong with the body (Discord: "content too long").
    private static async Task<string> ReadStartAsync(HttpResponseMessage response, CancellationToken cancellationToken)
    {
        try
        {
            string body = await response.Content.ReadAsStringAsync(cancellationToken).ConfigureAwait(false);
            body = body.ReplaceLineEndings(" ").Trim();
            return body.Length == 0 ? "" : ": " + (body.Length > 200 ? body[..200] + "…" : body);
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }
}

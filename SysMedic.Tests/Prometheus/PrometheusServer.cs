using System.Diagnostics;
using System.Text.Json;
using SysMedic.Tests.Agent;
using SysMedic.Tests.Delivery;

namespace SysMedic.Tests.Prometheus;

/// <summary>A real Prometheus server on 127.0.0.1 with its own storage, queried through its HTTP API, ended by the test that started it.</summary>
internal sealed class PrometheusServer : IDisposable
{
    private readonly Process _process;
    private readonly HttpClient _http = new() { Timeout = TimeSpan.FromSeconds(10) };

    private PrometheusServer(Process process, int port)
    {
        _process = process;
        Port = port;
    }

    public int Port { get; }

    /// <summary>Starts prometheus on <paramref name="config"/>, keeping its data under <paramref name="directory"/>; skips the test when it is not installed.</summary>
    public static PrometheusServer Start(string config, string directory)
    {
        string prometheus = PromTool.RequireServer();
        int port = FreePort.Next();
        var psi = new ProcessStartInfo(prometheus, [$"--config.file={config}", $"--storage.tsdb.path={Path.Combine(directory, "tsdb")}", $"--web.listen-address=127.0.0.1:{port}"])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        Process process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new PrometheusServer(process, port);
    }

    /// <summary>The answer to an instant query (<c>status</c> success), or null while the server does not answer; an error answer fails the test.</summary>
    public JsonElement? Query(string promql)
    {
        string body;
        try
        {
            using HttpResponseMessage response = _http.GetAsync($"http://127.0.0.1:{Port}/api/v1/query?query={Uri.EscapeDataString(promql)}").GetAwaiter().GetResult();
            if (response.Content.Headers.ContentType?.MediaType != "application/json")
            {
                return null; // still starting: "Service Unavailable" as text
            }

            body = response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        }
        catch (HttpRequestException)
        {
            return null;
        }
        catch (TaskCanceledException)
        {
            return null;
        }

        using JsonDocument doc = JsonDocument.Parse(body);
        Assert.That(doc.RootElement.GetProperty("status").GetString(), Is.EqualTo("success"), $"{promql}: {body}");
        return doc.RootElement.GetProperty("data").Clone();
    }

    /// <summary>The samples of an instant vector query: each series' labels and value.</summary>
    public IReadOnlyList<(Dictionary<string, string> Labels, double Value)> Vector(string promql)
    {
        JsonElement? data = Query(promql);
        if (data is not { } d || d.GetProperty("resultType").GetString() != "vector")
        {
            return [];
        }

        return [.. d.GetProperty("result").EnumerateArray().Select(r => (
            r.GetProperty("metric").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!, StringComparer.Ordinal),
            double.Parse(r.GetProperty("value")[1].GetString()!, System.Globalization.CultureInfo.InvariantCulture)))];
    }

    /// <summary>The server's rule groups as its API reports them.</summary>
    public JsonElement Rules()
    {
        string body = _http.GetStringAsync($"http://127.0.0.1:{Port}/api/v1/rules").GetAwaiter().GetResult();
        using JsonDocument doc = JsonDocument.Parse(body);
        return doc.RootElement.GetProperty("data").GetProperty("groups").Clone();
    }

    /// <summary>Polls until <paramref name="condition"/> holds or <paramref name="limit"/> passes.</summary>
    public static bool WaitFor(Func<bool> condition, TimeSpan limit) => DoctorProcess.WaitFor(condition, limit);

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(10_000);
        }

        _process.Dispose();
        _http.Dispose();
    }
}

using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using SysMedic.Agent.Relay;
using SysMedic.Tests.Agent;
using SysMedic.Tests.Delivery;
using SysMedic.Tests.Relay;
using static SysMedic.Tests.Prometheus.ShippedMonitoring;

namespace SysMedic.Tests.Prometheus;

/// <summary>
/// Two real doctor + relay pairs on 127.0.0.1 (their own sockets, ports and data paths) scraped by a real Prometheus
/// server that runs the shipped example configuration, rules and dashboard queries.
/// </summary>
[NonParallelizable]
[CancelAfter(240_000)]
public class FleetScrapeTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(90);
    private readonly List<DoctorProcess> _processes = [];
    private string _dir = "";
    private string _secret = "";

    [SetUp]
    public void Create()
    {
        _dir = Directory.CreateTempSubdirectory("sysmedic-fleet-").FullName;
        _secret = RelaySecret.Generate();
    }

    [TearDown]
    public void Clean()
    {
        _processes.ForEach(p => p.Dispose());
        _processes.Clear();
        Directory.Delete(_dir, recursive: true);
    }

    /// <summary>A doctor and its relay on <paramref name="name"/>'s own directory; the relay's port.</summary>
    private int StartHost(string name)
    {
        string dir = Directory.CreateDirectory(Path.Combine(_dir, name)).FullName;
        int port = FreePort.Next();
        _processes.Add(DoctorProcess.Start(dir, $"""
            monitoring:
              live_interval: 1
            user_filtering:
              ignore_system_users: false
              min_cpu_percent: 0
              min_memory_percent: 0
              excluded_users: []
            websocket:
              bind: 127.0.0.1
              port: {port}
              update_interval: 1
              secret: {_secret}
            """));
        _processes.Add(DoctorProcess.StartRelay(dir));
        return port;
    }

    /// <summary>The shipped example prometheus.yml and rule files in a directory of their own, scraping <paramref name="ports"/> every second.</summary>
    private string Configure(params int[] ports)
    {
        string dir = Directory.CreateDirectory(Path.Combine(_dir, "prometheus")).FullName;
        File.Copy(RuleFile, Path.Combine(dir, "sysmedic.rules.yml"));
        File.Copy(AlertFile, Path.Combine(dir, "sysmedic.alerts.yml"));
        string token = Path.Combine(dir, "sysmedic.token");
        File.WriteAllText(token, _secret);
        string example = File.ReadAllText(Path.Combine(PrometheusDirectory, "prometheus.yml"));
        string config = Replace(example, "/etc/prometheus/sysmedic.token", token);
        config = Replace(config, "[\"server1.example:8060\", \"server2.example:8060\"]", "[" + string.Join(", ", ports.Select(p => $"\"127.0.0.1:{p}\"")) + "]");
        config = Replace(config, "scrape_interval: 15s", "scrape_interval: 1s");
        config = Replace(config, "evaluation_interval: 15s", "evaluation_interval: 1s");
        config = Replace(config, "scrape_timeout: 10s", "scrape_timeout: 1s");
        string path = Path.Combine(dir, "prometheus.yml");
        File.WriteAllText(path, config);
        return path;
    }

    private static string Replace(string text, string what, string with)
    {
        Assert.That(text, Does.Contain(what), "the example configuration changed: the test's substitutions need updating");
        return text.Replace(what, with, StringComparison.Ordinal);
    }

    [Test]
    public void The_example_configuration_passes_promtool_check_config()
    {
        string config = Configure(8060, 8061);
        var (code, output) = PromTool.Run(Path.GetDirectoryName(config)!, "check", "config", "prometheus.yml");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("SUCCESS: 2 rule files found").And.Not.Contain("FAILED"));
    }

    [Test]
    public void Prometheus_scrapes_two_relays_and_has_per_user_series_from_both()
    {
        int a = StartHost("a"), b = StartHost("b");
        using PrometheusServer prometheus = PrometheusServer.Start(Configure(a, b), _dir);
        string[] instances = [$"127.0.0.1:{a}", $"127.0.0.1:{b}"];

        // Two scrapes of each relay that succeeded.
        Assert.That(PrometheusServer.WaitFor(() => prometheus.Vector("sum_over_time(up{job=\"sysmedic\"}[1m]) >= 2").Count == 2, Limit), Is.True,
            "two successful scrapes of each relay: " + string.Join(", ", prometheus.Vector("up").Select(s => $"{s.Labels["instance"]}={s.Value}")));

        var users = prometheus.Vector("sysmedic_user_cpu_usage_ratio");
        Assert.That(users.Select(s => s.Labels["instance"]).Distinct(), Is.EquivalentTo(instances), "per-user series from both hosts");
        Assert.That(users.All(s => s.Labels["job"] == "sysmedic" && s.Labels["user"].Length > 0), Is.True);
        Assert.That(users.Where(s => s.Labels["user"] == Environment.UserName).Select(s => s.Labels["instance"]), Is.EquivalentTo(instances),
            "the user running the tests (and both doctors) shows on both hosts");
        var memory = prometheus.Vector($"sysmedic_user_resident_memory_bytes{{user=\"{Environment.UserName}\"}}");
        Assert.That(memory.Select(s => s.Labels["instance"]), Is.EquivalentTo(instances));
        Assert.That(memory.All(s => s.Value > 0), Is.True, "resident memory in bytes");
    }

    [Test]
    public void The_shipped_rules_and_every_dashboard_query_work_on_two_real_relays()
    {
        int a = StartHost("a"), b = StartHost("b");
        using PrometheusServer prometheus = PrometheusServer.Start(Configure(a, b), _dir);
        string user = Environment.UserName;

        Assert.That(PrometheusServer.WaitFor(() => prometheus.Vector("instance_user:sysmedic_cpu_cores").Select(s => s.Labels["instance"]).Distinct().Count() == 2, Limit), Is.True,
            "the recording rules turn both hosts' users into cores");
        Assert.That(PrometheusServer.WaitFor(() => prometheus.Vector("instance:sysmedic_network_receive_bytes:rate2m").Count == 2, Limit), Is.True,
            "network rates from the counters of both hosts");
        Assert.That(prometheus.Vector($"user:sysmedic_hosts:count{{user=\"{user}\"}}").Single().Value, Is.EqualTo(2));
        Assert.That(prometheus.Vector("job:sysmedic_relays_up:sum").Single().Value, Is.EqualTo(2));
        Assert.That(prometheus.Vector("job:sysmedic_doctors_up:sum").Single().Value, Is.EqualTo(2));
        Assert.That(prometheus.Vector("instance_user:sysmedic_cpu_cores:top1").Select(s => s.Labels["instance"]), Is.EquivalentTo(new[] { $"127.0.0.1:{a}", $"127.0.0.1:{b}" }));

        // Every rule evaluated without an error; no alert fires on two healthy hosts but, maybe, their load.
        Assert.That(PrometheusServer.WaitFor(() => RuleStates(prometheus).All(r => r.Evaluated), Limit), Is.True);
        var rules = RuleStates(prometheus);
        Assert.That(rules.Where(r => r.Health != "ok").Select(r => $"{r.Name}: {r.Health}"), Is.Empty);
        Assert.That(rules.Select(r => r.Name), Is.EquivalentTo(Rules().Select(r => r.Record ?? r.Alert)));
        Assert.That(rules.Where(r => r.State == "firing" && r.Name != "SysMedicHeavyLoad").Select(r => r.Name), Is.Empty);

        // The dashboard's queries, with its variables set to a host and a user, against the real server.
        using JsonDocument dashboard = GrafanaDashboardTests.Load();
        string[] mayBeEmpty = ["Persistent users", "Disk I/O"];
        foreach (var (panel, expr) in GrafanaDashboardTests.Queries(dashboard.RootElement))
        {
            string promql = expr.Replace("$instance", $"127.0.0.1:{a}", StringComparison.Ordinal).Replace("$user", user, StringComparison.Ordinal);
            JsonElement? answer = prometheus.Query(promql);
            Assert.That(answer, Is.Not.Null, promql);
            int results = answer!.Value.GetProperty("result").ValueKind == JsonValueKind.Array ? answer.Value.GetProperty("result").GetArrayLength() : 1;
            Assert.That(results > 0 || mayBeEmpty.Contains(panel), Is.True, $"{panel}: {promql} has no data");
        }
    }

    [Test]
    public void A_scrape_carries_no_more_than_a_snapshot_message()
    {
        int port = StartHost("a");
        Assert.That(DoctorProcess.WaitFor(() => Scrape(port).Contains("sysmedic_user_cpu_usage_ratio{", StringComparison.Ordinal), Limit), Is.True);

        // What crosses the network: one scrape's body against one snapshot message to a console.
        int scrapeBytes = Encoding.UTF8.GetByteCount(Scrape(port));
        int snapshotBytes;
        using (RelayTestClient client = RelayTestClient.ConnectAsync(port, _secret).GetAwaiter().GetResult())
        {
            client.Next("snapshot", Limit);
            snapshotBytes = Encoding.UTF8.GetByteCount(client.Next("snapshot", Limit).GetRawText());
        }

        // The relay's CPU for each is measured by bench/Prometheus: a timing is a benchmark's figure, not a test's.
        TestContext.Out.WriteLine($"scrape {scrapeBytes} B, snapshot message {snapshotBytes} B");
        Assert.That(scrapeBytes, Is.LessThanOrEqualTo(snapshotBytes), "a scrape carries no more than a snapshot message");
    }

    private string Scrape(int port)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(10) };
        using var request = new HttpRequestMessage(HttpMethod.Get, $"http://127.0.0.1:{port}/metrics");
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", _secret);
        try
        {
            using HttpResponseMessage response = http.Send(request);
            return response.Content.ReadAsStringAsync().GetAwaiter().GetResult();
        }
        catch (HttpRequestException)
        {
            return "";
        }
    }

    private static List<(string Name, string Health, string State, bool Evaluated)> RuleStates(PrometheusServer prometheus) =>
        [.. prometheus.Rules().EnumerateArray().SelectMany(g => g.GetProperty("rules").EnumerateArray()).Select(r => (
            r.GetProperty("name").GetString()!,
            r.GetProperty("health").GetString()!,
            r.TryGetProperty("state", out JsonElement state) ? state.GetString()! : "",
            !r.GetProperty("lastEvaluation").GetString()!.StartsWith("0001-", StringComparison.Ordinal)))];
}

using System.Text.Json;
using static SysMedic.Tests.Prometheus.ShippedMonitoring;

namespace SysMedic.Tests.Prometheus;

/// <summary>packaging/grafana/sysmedic-fleet.json: a dashboard Grafana can import, reading only what the relay and the rules provide.</summary>
public class GrafanaDashboardTests
{
    /// <summary>Every PromQL expression of the dashboard: panel targets, with the panel's title.</summary>
    internal static IEnumerable<(string Panel, string Expr)> Queries(JsonElement dashboard) =>
        dashboard.GetProperty("panels").EnumerateArray()
            .Where(p => p.TryGetProperty("targets", out _))
            .SelectMany(p => p.GetProperty("targets").EnumerateArray().Select(t => (p.GetProperty("title").GetString()!, t.GetProperty("expr").GetString()!)));

    internal static JsonDocument Load() => JsonDocument.Parse(File.ReadAllText(Dashboard));

    [Test]
    public void The_dashboard_is_json_grafana_can_import()
    {
        using JsonDocument doc = Load();
        JsonElement d = doc.RootElement;
        Assert.That(d.GetProperty("uid").GetString(), Is.EqualTo("sysmedic-fleet"));
        Assert.That(d.GetProperty("title").GetString(), Is.Not.Empty);
        Assert.That(d.GetProperty("schemaVersion").GetInt32(), Is.GreaterThanOrEqualTo(36), "datasource references by uid");
        Assert.That(d.TryGetProperty("id", out JsonElement id) && id.ValueKind != JsonValueKind.Null, Is.False, "no database id: Grafana gives one on import");

        var variables = d.GetProperty("templating").GetProperty("list").EnumerateArray().ToDictionary(v => v.GetProperty("name").GetString()!, v => v);
        Assert.That(variables.Keys, Is.EquivalentTo(new[] { "datasource", "instance", "user" }));
        Assert.That(variables["datasource"].GetProperty("type").GetString(), Is.EqualTo("datasource"));
        Assert.That(variables["datasource"].GetProperty("query").GetString(), Is.EqualTo("prometheus"));

        var panels = d.GetProperty("panels").EnumerateArray().ToList();
        Assert.That(panels.Select(p => p.GetProperty("id").GetInt32()), Is.Unique);
        Assert.That(panels.Where(p => p.GetProperty("type").GetString() == "row").Select(p => p.GetProperty("title").GetString()),
            Is.EqualTo(new[] { "Fleet", "Host $instance", "User $user" }));
        foreach (JsonElement panel in panels)
        {
            JsonElement grid = panel.GetProperty("gridPos");
            Assert.That(grid.GetProperty("x").GetInt32() + grid.GetProperty("w").GetInt32(), Is.InRange(1, 24), panel.GetProperty("title").GetString());
            if (panel.TryGetProperty("targets", out JsonElement targets))
            {
                Assert.That(panel.GetProperty("datasource").GetProperty("uid").GetString(), Is.EqualTo("${datasource}"));
                Assert.That(targets.EnumerateArray().Select(t => t.GetProperty("refId").GetString()), Is.Unique, panel.GetProperty("title").GetString());
            }
        }
    }

    [Test]
    public void Panels_do_not_overlap()
    {
        using JsonDocument doc = Load();
        var cells = new HashSet<(int X, int Y)>();
        foreach (JsonElement panel in doc.RootElement.GetProperty("panels").EnumerateArray())
        {
            JsonElement g = panel.GetProperty("gridPos");
            for (int x = g.GetProperty("x").GetInt32(); x < g.GetProperty("x").GetInt32() + g.GetProperty("w").GetInt32(); x++)
            {
                for (int y = g.GetProperty("y").GetInt32(); y < g.GetProperty("y").GetInt32() + g.GetProperty("h").GetInt32(); y++)
                {
                    Assert.That(cells.Add((x, y)), Is.True, $"{panel.GetProperty("title").GetString()} overlaps another panel at {x},{y}");
                }
            }
        }
    }

    [Test]
    public void Every_query_reads_only_series_the_relay_writes_or_the_rules_record()
    {
        using JsonDocument doc = Load();
        IReadOnlySet<string> relay = RelaySeries();
        var recorded = Rules().Where(r => r.Record is not null).Select(r => r.Record!).ToHashSet(StringComparer.Ordinal);
        var queries = Queries(doc.RootElement).ToList();
        Assert.That(queries, Has.Count.GreaterThan(30));
        var used = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (panel, expr) in queries)
        {
            IReadOnlyList<string> series = PromQlSeries.Of(expr);
            Assert.That(series, Is.Not.Empty, $"{panel}: {expr}");
            Assert.That(series.Where(s => !relay.Contains(s) && !recorded.Contains(s)), Is.Empty, $"{panel}: {expr}");
            used.UnionWith(series);
        }

        foreach (JsonElement variable in doc.RootElement.GetProperty("templating").GetProperty("list").EnumerateArray().Where(v => v.GetProperty("type").GetString() == "query"))
        {
            string? metric = PromQlSeries.OfLabelValues(variable.GetProperty("definition").GetString()!);
            Assert.That(metric, Is.Not.Null.And.AnyOf(relay.ToArray()), variable.GetProperty("name").GetString());
        }

        Assert.That(used, Is.SupersetOf(new[] { "user:sysmedic_cpu_cores:sum_top10", "instance_user:sysmedic_cpu_cores", "sysmedic_user_resident_memory_bytes", "status:sysmedic_hosts:count" }), "fleet, host and per-user panels");
    }

    [Test]
    public void The_dashboard_reads_the_per_user_counters_only_through_the_rules()
    {
        using JsonDocument doc = Load();
        Assert.That(Queries(doc.RootElement).SelectMany(q => PromQlSeries.Of(q.Expr)).Where(CountersToCome.Contains), Is.Empty,
            "a raw counter would leave panels empty on hosts whose relay does not write it; the rules fall back to the gauges");
    }

    [TestCase("sum by (user) (rate(sysmedic_user_cpu_seconds_total[2m]))", new[] { "sysmedic_user_cpu_seconds_total" })]
    [TestCase("sysmedic_user_cpu_usage_ratio * on (job, instance) group_left () sysmedic_cpus", new[] { "sysmedic_user_cpu_usage_ratio", "sysmedic_cpus" })]
    [TestCase("topk by (job, instance) (1, instance_user:sysmedic_cpu_cores{user=~\"$user\"})", new[] { "instance_user:sysmedic_cpu_cores" })]
    [TestCase("sysmedic_memory_total_bytes{instance=~\"$instance\"} / 2^30 > 1e9 offset 5m", new[] { "sysmedic_memory_total_bytes" })]
    [TestCase("count(sysmedic_doctor_up == 0) or vector(0)", new[] { "sysmedic_doctor_up" })]
    [TestCase("time() - sysmedic_persistent_user_start_time_seconds", new[] { "sysmedic_persistent_user_start_time_seconds" })]
    public void Series_names_are_read_out_of_promql(string expr, string[] expected) =>
        Assert.That(PromQlSeries.Of(expr), Is.EqualTo(expected));
}

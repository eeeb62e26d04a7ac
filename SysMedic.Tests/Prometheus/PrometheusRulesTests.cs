using static SysMedic.Tests.Prometheus.ShippedMonitoring;

namespace SysMedic.Tests.Prometheus;

/// <summary>packaging/prometheus: the recording and alerting rules, checked and unit-tested by promtool.</summary>
public class PrometheusRulesTests
{
    [Test]
    public void The_rule_files_pass_promtool_check_rules()
    {
        var (code, output) = PromTool.Run(PrometheusDirectory, "check", "rules", "sysmedic.rules.yml", "sysmedic.alerts.yml");
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Contain("SUCCESS").And.Not.Contain("WARNING"));
    }

    [Test]
    public void The_rules_pass_their_promtool_unit_tests()
    {
        string[] tests = [.. Directory.GetFiles(Path.Combine(PrometheusDirectory, "tests"), "*.test.yml").Select(f => Path.Combine("tests", Path.GetFileName(f))).Order(StringComparer.Ordinal)];
        Assert.That(tests, Is.EquivalentTo(new[] { "tests/sysmedic.alerts.test.yml", "tests/sysmedic.rules.test.yml" }));
        var (code, output) = PromTool.Run(PrometheusDirectory, ["test", "rules", .. tests]);
        Assert.That(code, Is.Zero, output);
        Assert.That(output, Does.Not.Contain("FAILED"));
    }

    [Test]
    public void Every_rule_has_a_unit_test()
    {
        string tests = string.Concat(Directory.GetFiles(Path.Combine(PrometheusDirectory, "tests"), "*.test.yml").Select(File.ReadAllText));
        foreach (Rule rule in Rules())
        {
            string name = rule.Record ?? rule.Alert!;
            Assert.That(tests, Does.Contain(rule.Record is null ? $"alertname: {name}\n" : $"expr: {name}"), $"{rule.File}: {name} is not tested");
        }
    }

    [Test]
    public void Every_rule_reads_only_series_the_relay_writes_the_rules_record_or_the_per_user_counters()
    {
        IReadOnlySet<string> relay = RelaySeries();
        IReadOnlyList<Rule> rules = Rules();
        var recorded = rules.Where(r => r.Record is not null).Select(r => r.Record!).ToHashSet(StringComparer.Ordinal);
        Assert.That(relay, Does.Contain("sysmedic_user_cpu_usage_ratio").And.Contain("sysmedic_network_receive_bytes_total"), "the relay's series were read");
        foreach (Rule rule in rules)
        {
            IReadOnlyList<string> series = PromQlSeries.Of(rule.Expr);
            Assert.That(series, Is.Not.Empty, $"{rule.Record ?? rule.Alert}: {rule.Expr}");
            Assert.That(series.Where(s => !relay.Contains(s) && !recorded.Contains(s) && !CountersToCome.Contains(s)), Is.Empty, $"{rule.Record ?? rule.Alert} reads unknown series");
        }
    }

    [Test]
    public void The_rules_that_read_the_per_user_counters_fall_back_to_the_gauges_or_say_that_they_need_them()
    {
        string text = File.ReadAllText(RuleFile);
        foreach (Rule rule in Rules().Where(r => PromQlSeries.Of(r.Expr).Any(CountersToCome.Contains)))
        {
            bool fallsBack = rule.Expr.Contains(" or ", StringComparison.Ordinal) || rule.Expr.Contains("\nor\n", StringComparison.Ordinal);
            int at = text.IndexOf("record: " + rule.Record, StringComparison.Ordinal);
            string comment = text[Math.Max(0, text.LastIndexOf("\n\n", at, StringComparison.Ordinal))..at];
            Assert.That(fallsBack || comment.Contains("Needs the per-user counters", StringComparison.Ordinal), Is.True, $"{rule.Record} neither falls back nor says it needs the counters");
        }
    }

    [Test]
    public void Every_alert_has_a_sysmedic_severity_a_summary_and_a_description()
    {
        string[] severities = [.. Enum.GetValues<SysMedic.Core.Alerts.AlertSeverity>().Select(s => s.ToString().ToLowerInvariant())];
        var alerts = Rules().Where(r => r.Alert is not null).ToList();
        Assert.That(alerts.Select(a => a.Alert), Is.SupersetOf(new[] { "SysMedicRelayDown", "SysMedicDoctorDown", "SysMedicSnapshotStale", "SysMedicHeavyLoad", "SysMedicPersistentUser" }));
        foreach (Rule alert in alerts)
        {
            Assert.That(severities, Does.Contain(alert.Labels.GetValueOrDefault("severity")), alert.Alert);
            Assert.That(alert.Annotations.Keys, Is.SupersetOf(new[] { "summary", "description" }), alert.Alert);
        }
    }
}

using SysMedic.Agent.Relay;
using SysMedic.Core.Alerts;
using SysMedic.Core.Protocol;
using SysMedic.Tests.Packaging;
using SysMedic.Tests.Protocol;
using YamlDotNet.RepresentationModel;

namespace SysMedic.Tests.Prometheus;

/// <summary>What packaging/prometheus and packaging/grafana ship, and the series the relay's /metrics writes.</summary>
internal static class ShippedMonitoring
{
    /// <summary>
    /// Per-user counters the relay does not write yet; rules may read them (they stay empty for a host until its relay
    /// writes them), the dashboard reads them only through those rules.
    /// </summary>
    public static readonly IReadOnlySet<string> CountersToCome = new HashSet<string>(StringComparer.Ordinal)
    {
        "sysmedic_user_cpu_seconds_total", "sysmedic_user_disk_read_bytes_total", "sysmedic_user_disk_written_bytes_total",
    };

    public static string PrometheusDirectory => PackagingTools.RepoFile("packaging", "prometheus");

    public static string RuleFile => Path.Combine(PrometheusDirectory, "sysmedic.rules.yml");

    public static string AlertFile => Path.Combine(PrometheusDirectory, "sysmedic.alerts.yml");

    public static string Dashboard => PackagingTools.RepoFile("packaging", "grafana", "sysmedic-fleet.json");

    /// <summary>Every metric family /metrics writes when the doctor has sent everything it can (read from its # TYPE lines), plus Prometheus's own <c>up</c>.</summary>
    public static IReadOnlySet<string> RelaySeries()
    {
        var sample = (SnapshotMessage)ProtocolSamples.All["snapshot"];
        SnapshotMessage full = sample with { Storage = new StorageInfo(false, sample.Snapshot.Timestamp, "disk full", 2) };
        AlertInfo alert = ((AlertsResult)ProtocolSamples.All["alerts_result"]).Alerts[0];
        string text = RelayMetrics.Write(full, doctorUp: true, [alert], clients: 1, sample.Snapshot.Timestamp.AddMinutes(1));
        var names = text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')[2]).ToHashSet(StringComparer.Ordinal);
        names.Add("up");
        return names;
    }

    /// <summary>One rule of a rule file: recording (<see cref="Record"/>) or alerting (<see cref="Alert"/>).</summary>
    public sealed record Rule(string File, string? Record, string? Alert, string Expr, IReadOnlyDictionary<string, string> Labels, IReadOnlyDictionary<string, string> Annotations);

    /// <summary>Every rule of both shipped rule files.</summary>
    public static IReadOnlyList<Rule> Rules() => [.. ReadRules(RuleFile), .. ReadRules(AlertFile)];

    private static IEnumerable<Rule> ReadRules(string path)
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (YamlMappingNode group in ((YamlSequenceNode)root["groups"]).Cast<YamlMappingNode>())
        {
            foreach (YamlMappingNode rule in ((YamlSequenceNode)group["rules"]).Cast<YamlMappingNode>())
            {
                yield return new Rule(
                    Path.GetFileName(path),
                    Scalar(rule, "record"),
                    Scalar(rule, "alert"),
                    Scalar(rule, "expr") ?? "",
                    Map(rule, "labels"),
                    Map(rule, "annotations"));
            }
        }
    }

    private static string? Scalar(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value) ? ((YamlScalarNode)value).Value : null;

    private static Dictionary<string, string> Map(YamlMappingNode node, string key) =>
        node.Children.TryGetValue(new YamlScalarNode(key), out YamlNode? value)
            ? ((YamlMappingNode)value).Children.ToDictionary(kv => ((YamlScalarNode)kv.Key).Value!, kv => ((YamlScalarNode)kv.Value).Value ?? "", StringComparer.Ordinal)
            : new Dictionary<string, string>(StringComparer.Ordinal);
}

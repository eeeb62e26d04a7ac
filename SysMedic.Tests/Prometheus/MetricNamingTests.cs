using System.Text.RegularExpressions;
using SysMedic.Agent.Relay;
using SysMedic.Core.Protocol;
using SysMedic.Core.Sampling;
using SysMedic.Tests.Protocol;

namespace SysMedic.Tests.Prometheus;

/// <summary>The relay's /metrics follows Prometheus's naming: base units, counters ending in _total.</summary>
public class MetricNamingTests
{
    private static readonly SnapshotMessage Sample = (SnapshotMessage)ProtocolSamples.All["snapshot"];

    private static string Write(SnapshotMessage snapshot) =>
        RelayMetrics.Write(snapshot with { Storage = StorageInfo.Ok }, doctorUp: true, [], clients: 0, snapshot.Snapshot.Timestamp.AddMinutes(5));

    private static Dictionary<string, string> Types(string text) =>
        text.Split('\n').Where(l => l.StartsWith("# TYPE ", StringComparison.Ordinal)).Select(l => l.Split(' ')).ToDictionary(p => p[2], p => p[3], StringComparer.Ordinal);

    [Test]
    public void Counters_end_in_total_gauges_do_not_and_units_are_base_units()
    {
        Dictionary<string, string> types = Types(Write(Sample));
        Assert.That(types, Has.Count.GreaterThan(25));
        foreach (var (name, type) in types)
        {
            Assert.That(name, Does.Match("^sysmedic_[a-z0-9_]+$"));
            Assert.That(type, Is.AnyOf("gauge", "counter"), name);
            Assert.That(name.EndsWith("_total", StringComparison.Ordinal), Is.EqualTo(type == "counter"), $"{name} is a {type}");
            Assert.That(Regex.IsMatch(name, "_(percent|per_second|kb|mb|kib|mib|ms|milliseconds|minutes|hours)(_|$)"), Is.False, $"{name}: base units are bytes, seconds and 0-1 ratios");
        }
    }

    [Test]
    public void Network_traffic_is_the_kernels_byte_counters_by_interface()
    {
        string text = Write(Sample);
        Assert.That(text, Does.Contain("# TYPE sysmedic_network_receive_bytes_total counter\n"));
        Assert.That(text, Does.Contain("sysmedic_network_receive_bytes_total{interface=\"eth0\"} 7340032000\n"));
        Assert.That(text, Does.Contain("sysmedic_network_transmit_bytes_total{interface=\"eth0\"} 91226112\n"));
        Assert.That(text, Does.Not.Contain("interface=\"lo\""), "the sample's lo comes from an older agent without counters: left out, not counted from zero");
    }

    [Test]
    public void A_persistent_user_is_written_with_the_time_the_episode_started()
    {
        PersistentUserInfo episode = Sample.PersistentUsers[0];
        string text = Write(Sample);
        Assert.That(text, Does.Contain("# TYPE sysmedic_persistent_user_start_time_seconds gauge\n"));
        Assert.That(text, Does.Contain($"sysmedic_persistent_user_start_time_seconds{{user=\"{episode.Username}\",metric=\"{episode.Metric}\"}} {episode.StartTime.ToUnixTimeSeconds()}\n"));
        Assert.That(Write(Sample with { PersistentUsers = [episode with { EndTime = episode.StartTime.AddHours(1) }] }), Does.Not.Contain("sysmedic_persistent_user_start_time_seconds{"), "an ended episode");
    }

    [Test]
    public void The_series_of_one_scrape_do_not_change_from_one_scrape_to_the_next_while_nothing_happens()
    {
        // A start time, not a growing age: Prometheus stores an unchanging series in a few bytes a sample.
        SnapshotMessage later = Sample with { Snapshot = Sample.Snapshot with { Timestamp = Sample.Snapshot.Timestamp.AddSeconds(15) } };
        string PersistentLine(string text) => text.Split('\n').Single(l => l.StartsWith("sysmedic_persistent_user_start_time_seconds{", StringComparison.Ordinal));
        Assert.That(PersistentLine(Write(later)), Is.EqualTo(PersistentLine(Write(Sample))));
    }
}

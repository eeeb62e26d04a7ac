using System.Text.Json.Nodes;
using SysMedic.Core.Protocol;

namespace SysMedic.Tests.Protocol;

public class ProtocolCodecTests
{
    private static string FixtureDir(string name) => Path.Combine(FixturePaths.Root, "protocol", name);

    public static IEnumerable<string> V1Fixtures() =>
        Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "protocol", "v1"), "*.json").Select(Path.GetFileNameWithoutExtension)!;

    [TestCaseSource(nameof(V1Fixtures))]
    public void Every_v1_fixture_round_trips(string name)
    {
        string text = File.ReadAllText(Path.Combine(FixtureDir("v1"), name + ".json"));
        Assert.That(ProtocolCodec.TryParse(text, out ProtocolMessage? message, out ErrorMessage? error), Is.True, error?.Message);
        string again = ProtocolCodec.Serialize(message!);
        Assert.That(JsonNode.DeepEquals(JsonNode.Parse(text), JsonNode.Parse(again)), Is.True, again);
        Assert.That(again, Does.Not.Contain("\n"), "one message per line on the socket");
    }

    [Test]
    public void Every_message_kind_has_a_fixture() =>
        Assert.That(V1Fixtures(), Is.EquivalentTo(ProtocolSamples.All.Keys));

    [Test]
    public void The_samples_serialize_to_the_fixtures()
    {
        foreach (var (name, message) in ProtocolSamples.All)
        {
            var expected = JsonNode.Parse(File.ReadAllText(Path.Combine(FixtureDir("v1"), name + ".json")));
            Assert.That(JsonNode.DeepEquals(expected, JsonNode.Parse(ProtocolCodec.Serialize(message))), Is.True, name);
        }
    }

    [Test]
    public void A_system_history_point_carries_disk_network_and_load_and_a_user_point_leaves_them_out()
    {
        var t = new DateTimeOffset(2026, 3, 14, 12, 0, 0, TimeSpan.Zero);
        var system = new HistoryResult("1", "system", null, [new HistoryPoint(t, 55, 70.5, 12.5, 13, 41.5, 2048, 512, 1.25)]);
        string text = ProtocolCodec.Serialize(system);
        Assert.That(text, Does.Contain("\"disk_percent\":41.5").And.Contain("\"network_rx_bytes_per_sec\":2048").And.Contain("\"network_tx_bytes_per_sec\":512").And.Contain("\"load_avg_1\":1.25"));
        Assert.That(ProtocolCodec.TryParse(text, out ProtocolMessage? back, out _), Is.True);
        Assert.That(((HistoryResult)back!).Points[0], Is.EqualTo(system.Points[0]));

        string user = ProtocolCodec.Serialize(new HistoryResult("2", "user", "alice", [new HistoryPoint(t, 55, 70.5, 12.5, 13)]));
        Assert.That(user, Does.Not.Contain("disk").And.Not.Contain("load").And.Not.Contain("network"), "an older agent's points, and user points, have CPU and memory only");
    }

    [Test]
    public void A_snapshot_from_an_older_agent_reads_with_the_usage_fields_absent()
    {
        string text = File.ReadAllText(Path.Combine(FixtureDir("v1-older-agent"), "snapshot.json"));
        Assert.That(ProtocolCodec.TryParse(text, out ProtocolMessage? message, out ErrorMessage? error), Is.True, error?.Message);
        var snapshot = ((SnapshotMessage)message!).Snapshot;
        Assert.Multiple(() =>
        {
            Assert.That(snapshot.Totals, Is.Null);
            Assert.That(snapshot.System.Pressure, Is.Null);
            Assert.That(snapshot.Users[0].CpuSeconds, Is.Zero);
            Assert.That(snapshot.Users[0].DiskReadBytesPerSec, Is.Null);
            Assert.That(snapshot.Users[0].CpuFromSlice, Is.False);
            Assert.That(snapshot.Processes[0].Cgroup, Is.Null);
            Assert.That(snapshot.Processes[0].DiskWriteBytesPerSec, Is.Null);
        });
        string again = ProtocolCodec.Serialize(message!);
        Assert.That(again, Does.Not.Contain("pressure").And.Not.Contain("totals").And.Not.Contain("cgroup").And.Not.Contain("disk_read"), "what an older agent did not send is not made up");
    }

    [Test]
    public void Unknown_fields_are_ignored_and_the_type_may_come_last()
    {
        string text = File.ReadAllText(Path.Combine(FixtureDir("v1-unknown-fields"), "resolve_alert.json"));
        Assert.That(ProtocolCodec.TryParse(text, out ProtocolMessage? message, out _), Is.True);
        Assert.That(message, Is.EqualTo(new ResolveAlertRequest("3", 42, "asked alice to renice", "ops")));
    }

    [TestCase("{not json", ErrorMessage.BadJson)]
    [TestCase("[1,2,3]", ErrorMessage.BadJson)]
    [TestCase("{\"id\":\"9\"}", ErrorMessage.UnknownType)]
    [TestCase("{\"type\":\"launch_missiles\",\"id\":\"9\"}", ErrorMessage.UnknownType)]
    [TestCase("{\"type\":\"resolve_alert\",\"id\":\"9\",\"alert_id\":\"forty-two\"}", ErrorMessage.BadRequest)]
    public void Bad_input_gets_an_error_never_an_exception(string text, string code)
    {
        Assert.That(ProtocolCodec.TryParse(text, out _, out ErrorMessage? error), Is.False);
        Assert.That(error!.Code, Is.EqualTo(code));
    }

    [Test]
    public void The_error_repeats_the_request_id_when_it_could_be_read()
    {
        Assert.That(ProtocolCodec.TryParse("{\"type\":\"nope\",\"id\":\"77\"}", out _, out ErrorMessage? error), Is.False);
        Assert.That(error!.Id, Is.EqualTo("77"));
    }

    [Test]
    public void A_message_over_64_KiB_is_refused_before_parsing()
    {
        string huge = "{\"type\":\"config\",\"id\":\"1\",\"pad\":\"" + new string('x', 70_000) + "\"}";
        Assert.That(ProtocolCodec.TryParse(huge, out _, out ErrorMessage? error), Is.False);
        Assert.That(error!.Code, Is.EqualTo(ErrorMessage.TooLarge));
    }
}

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

using System.Text.Json;
using SysMedic.Agent.Delivery;
using SysMedic.Core.Config;

namespace SysMedic.Tests.Delivery;

public class WebhookBodyTests
{
    [Test]
    public void The_json_body_carries_the_alert_fields()
    {
        using var body = JsonDocument.Parse(WebhookBody.Render(WebhookFormat.Json, 42, SampleAlerts.CpuHigh(), "build-01"));
        var root = body.RootElement;
        Assert.That(root.GetProperty("alert_id").GetInt64(), Is.EqualTo(42));
        Assert.That(root.GetProperty("host").GetString(), Is.EqualTo("build-01"));
        Assert.That(root.GetProperty("type").GetString(), Is.EqualTo("system"));
        Assert.That(root.GetProperty("severity").GetString(), Is.EqualTo("high"));
        Assert.That(root.GetProperty("message").GetString(), Is.EqualTo("System CPU at 93.5%"));
        Assert.That(root.GetProperty("timestamp").GetString(), Is.EqualTo("2026-03-01T12:30:00Z"));
        Assert.That(root.GetProperty("system_cpu_percent").GetDouble(), Is.EqualTo(93.5));
        Assert.That(root.GetProperty("text").GetString(), Does.Contain("Top user: alice"));
    }

    [Test]
    public void A_discord_body_is_cut_to_2000_characters_with_an_ellipsis()
    {
        var alert = SampleAlerts.CpuHigh(new string('x', 5000));
        using var body = JsonDocument.Parse(WebhookBody.Render(WebhookFormat.Discord, 1, alert, "h"));
        string content = body.RootElement.GetProperty("content").GetString()!;
        Assert.That(content, Has.Length.EqualTo(WebhookBody.DiscordContentLimit));
        Assert.That(content, Does.StartWith("**[SysMedic] HIGH").And.EndWith("x…"));
    }

    [Test]
    public void Cutting_never_splits_a_surrogate_pair()
    {
        string text = new string('a', 8) + "😀😀";
        Assert.That(WebhookBody.Truncate(text, 10), Is.EqualTo(new string('a', 8) + "…"));
    }

    [Test]
    public void A_webhook_payload_survives_the_outbox()
    {
        var payload = new WebhookPayload(7, "https://hooks.slack.com/services/T/B/X", WebhookFormat.Slack, "{\"text\":\"<b> & é\"}");
        Assert.That(WebhookPayload.Parse(payload.ToJson()), Is.EqualTo(payload));
    }

    [Test]
    public void A_damaged_payload_is_a_delivery_error()
    {
        Assert.That(() => EmailPayload.Parse("{\"alert_id\": 1}"), Throws.TypeOf<DeliveryException>().With.Message.Contains("\"subject\""));
    }
}

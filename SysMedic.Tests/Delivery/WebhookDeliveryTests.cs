using System.Net;
using System.Text.Json;
using SysMedic.Agent.Delivery;
using SysMedic.Core.Config;
using SysMedic.Core.Storage;
using SysMedic.Tests.Storage;

namespace SysMedic.Tests.Delivery;

public class WebhookDeliveryTests
{
    [Test]
    public async Task Each_webhook_format_is_posted_as_json_to_its_url()
    {
        using var listener = new TestWebhookListener();
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Hooks(
            new WebhookTarget(listener.UrlFor("/json"), WebhookFormat.Json),
            new WebhookTarget(listener.UrlFor("/slack"), WebhookFormat.Slack),
            new WebhookTarget(listener.UrlFor("/discord"), WebhookFormat.Discord));
        AlertDelivery.Enqueue(db.Outbox, 3, SampleAlerts.CpuHigh(), config, "build-01");

        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.EqualTo(3));

        var byPath = listener.Requests.ToDictionary(r => r.Path);
        Assert.That(byPath.Keys, Is.EquivalentTo(new[] { "/json", "/slack", "/discord" }));
        Assert.That(byPath.Values.Select(r => (r.Method, r.ContentType)), Has.All.EqualTo(("POST", "application/json; charset=utf-8")));
        using var json = JsonDocument.Parse(byPath["/json"].Body);
        Assert.That(json.RootElement.GetProperty("host").GetString(), Is.EqualTo("build-01"));
        Assert.That(json.RootElement.GetProperty("severity").GetString(), Is.EqualTo("high"));
        using var slack = JsonDocument.Parse(byPath["/slack"].Body);
        Assert.That(slack.RootElement.GetProperty("text").GetString(), Does.StartWith("*[SysMedic] HIGH: CPU at 93.5% on build-01*\n"));
        using var discord = JsonDocument.Parse(byPath["/discord"].Body);
        Assert.That(discord.RootElement.GetProperty("content").GetString(), Does.Contain("Top user: alice (71.0%)"));
    }

    [Test]
    public async Task An_error_answer_is_a_failure_that_is_retried()
    {
        using var listener = new TestWebhookListener { Status = HttpStatusCode.InternalServerError };
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Hooks(new WebhookTarget(listener.UrlFor("/secret-token"), WebhookFormat.Json));
        long id = AlertDelivery.Enqueue(db.Outbox, 3, SampleAlerts.CpuHigh(), config).Single();

        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.Zero);
        var failed = db.Outbox.Get(id)!;
        Assert.That(failed.Attempts, Is.EqualTo(1));
        Assert.That(failed.LastError, Does.Contain("answered HTTP 500").And.Not.Contain("secret-token"));

        listener.Status = HttpStatusCode.OK;
        temp.Time.Advance(OutboxStore.FirstRetryDelay);
        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.EqualTo(1));
        Assert.That(listener.Requests, Has.Count.EqualTo(2));
        Assert.That(db.Outbox.Get(id)!.DeliveredAt, Is.Not.Null);
    }

    [Test]
    public async Task A_webhook_that_does_not_answer_times_out_once_per_pass_for_all_its_messages()
    {
        using var listener = new TestWebhookListener { Hang = true };
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time, webhooks: new WebhookSender(TimeSpan.FromMilliseconds(300)));
        var config = SampleAlerts.Hooks(new WebhookTarget(listener.UrlFor("/slow"), WebhookFormat.Json));
        AlertDelivery.Enqueue(db.Outbox, 1, SampleAlerts.CpuHigh(), config);
        AlertDelivery.Enqueue(db.Outbox, 2, SampleAlerts.CpuHigh(), config);

        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.Zero);

        Assert.That(listener.Requests, Has.Count.EqualTo(1));
        var failed = db.Outbox.Due(limit: 10);
        Assert.That(failed, Is.Empty, "both are waiting for their back-off");
        temp.Time.Advance(OutboxStore.FirstRetryDelay);
        Assert.That(db.Outbox.Due(limit: 10).Select(m => (m.Attempts, m.LastError)), Has.All.EqualTo((1, $"http://127.0.0.1:{listener.Port}/… did not answer within 0.3 s")));
    }

    [Test]
    public async Task A_webhook_removed_from_the_configuration_is_not_posted()
    {
        using var listener = new TestWebhookListener();
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Hooks(new WebhookTarget(listener.UrlFor("/old"), WebhookFormat.Slack));
        long id = AlertDelivery.Enqueue(db.Outbox, 3, SampleAlerts.CpuHigh(), config).Single();

        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, SampleAlerts.Hooks(), CancellationToken.None)).Delivered, Is.Zero);
        Assert.That(listener.Requests, Is.Empty);
        Assert.That(db.Outbox.Get(id)!.LastError, Does.Contain("is no longer in alerts.webhooks"));
    }

    [Test]
    public async Task Email_and_every_webhook_get_their_own_outbox_message()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        var config = SampleAlerts.Mail(25) with
        {
            Alerts = new AlertsSection { Webhooks = [new("https://a.example.org/h"), new("https://b.example.org/h", WebhookFormat.Discord)] },
        };

        var ids = AlertDelivery.Enqueue(db.Outbox, 8, SampleAlerts.CpuHigh(), config);

        var messages = ids.Select(i => db.Outbox.Get(i)!).ToList();
        Assert.That(messages.Select(m => m.Channel), Is.EqualTo(new[] { "email", "webhook", "webhook" }));
        Assert.That(EmailPayload.Parse(messages[0].Payload), Is.EqualTo(new EmailPayload(8, "[SysMedic] HIGH: CPU at 93.5% on build-01",
            SampleAlerts.CpuHigh().Content.Text, SampleAlerts.CpuHigh().Content.Html)));
        Assert.That(messages[0].Payload, Does.Not.Contain("ops@example.org").And.Not.Contain("s3cret"));
        Assert.That(WebhookPayload.Parse(messages[2].Payload).Format, Is.EqualTo(WebhookFormat.Discord));
    }
}

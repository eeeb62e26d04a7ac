using SysMedic.Agent.Delivery;
using SysMedic.Core.Alerts;
using SysMedic.Core.Storage;
using SysMedic.Tests.Storage;

namespace SysMedic.Tests.Delivery;

/// <summary>Each target gets its messages in the order they were queued, and a working target is drained at once.</summary>
public class DeliveryOrderTests
{
    [Test]
    public async Task A_recovery_never_goes_out_before_its_alert_and_the_backlog_follows_as_soon_as_the_server_is_back()
    {
        int port = FreePort.Next();
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Mail(port);
        AlertDelivery.Enqueue(db.Outbox, 1, SampleAlerts.CpuHigh(), config);
        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.Zero, "the server is down");

        // The recovery is due at once, its alert only after the back-off: the alert is tried first, and fails again.
        temp.Time.Advance(TimeSpan.FromSeconds(10));
        AlertDelivery.Enqueue(db.Outbox, 2, Recovery(), config);
        DeliveryPass down = await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None);
        Assert.That(down.Delivered, Is.Zero);
        Assert.That(db.Outbox.Pending().Select(m => m.Attempts), Is.EqualTo(new[] { 2, 1 }));
        Assert.That(down.NextAttemptAt, Is.EqualTo(temp.Time.GetUtcNow() + OutboxStore.RetryDelay(2)), "one retry for both, after the target's second failure");

        // Back up: the next alert raised finds it working, and everything queued goes out in order without waiting.
        await using var server = await TestSmtpServer.StartAsync(port, "alerts", "s3cret pass");
        temp.Time.Advance(TimeSpan.FromSeconds(5));
        AlertDelivery.Enqueue(db.Outbox, 3, SampleAlerts.CpuHigh(), config);
        DeliveryPass up = await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None);

        Assert.That(up.Delivered, Is.EqualTo(3));
        Assert.That(up.NextAttemptAt, Is.Null, "nothing pending");
        Assert.That(server.Received.Select(m => m.Message.Headers[MailSender.AlertIdHeader]), Is.EqualTo(new[] { "1", "2", "3" }));
    }

    [Test]
    public async Task A_server_that_cannot_be_reached_is_tried_again_every_minute_however_long_it_is_down()
    {
        int port = FreePort.Next();
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Mail(port);
        AlertDelivery.Enqueue(db.Outbox, 1, SampleAlerts.CpuHigh(), config);
        var waits = new List<double>();
        for (int pass = 0; pass < 6; pass++)
        {
            DeliveryPass down = await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None);
            TimeSpan wait = down.NextAttemptAt!.Value - temp.Time.GetUtcNow();
            waits.Add(wait.TotalSeconds);
            temp.Time.Advance(wait);
        }

        Assert.That(waits, Is.EqualTo(new double[] { 30, 60, 60, 60, 60, 60 }));
        await using var server = await TestSmtpServer.StartAsync(port, "alerts", "s3cret pass");
        temp.Time.Advance(OutboxDispatcher.UnreachableRetryMax);
        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.EqualTo(1), "within a minute of the server's return");
    }

    [Test]
    public async Task A_message_that_cannot_be_sent_fails_alone_and_the_next_one_goes_out()
    {
        await using var server = await TestSmtpServer.StartAsync(FreePort.Next(), "alerts", "s3cret pass");
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Mail(server.Port);
        long broken = db.Outbox.Enqueue(DeliveryChannels.Email, "{\"alert_id\": \"not a number\"");
        AlertDelivery.Enqueue(db.Outbox, 7, SampleAlerts.CpuHigh(), config);

        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.EqualTo(1));
        Assert.That(server.Received.Single().Message.Headers[MailSender.AlertIdHeader], Is.EqualTo("7"));
        Assert.That(db.Outbox.Get(broken)!.Attempts, Is.EqualTo(1));
    }

    [Test]
    public async Task Every_attempt_of_one_queued_mail_carries_the_same_message_id()
    {
        await using var server = await TestSmtpServer.StartAsync(FreePort.Next(), "alerts", "s3cret pass");
        using var temp = new TempDatabase();
        using var db = temp.Open();
        var config = SampleAlerts.Mail(server.Port);
        long id = AlertDelivery.Enqueue(db.Outbox, 7, SampleAlerts.CpuHigh(), config).Single();
        OutboxMessage queued = db.Outbox.Get(id)!;

        var first = MailSender.Compose(config.Email, EmailPayload.Parse(queued.Payload), queued);
        var again = MailSender.Compose(config.Email, EmailPayload.Parse(queued.Payload), queued);

        Assert.That(first.MessageId, Is.EqualTo(again.MessageId));
        Assert.That(first.MessageId, Is.EqualTo($"sysmedic.{id}.{TempDatabase.Start.ToUnixTimeSeconds()}@build-01.example.org"));
    }

    private static Alert Recovery() => new(
        0, new DateTimeOffset(2026, 3, 1, 12, 40, 0, TimeSpan.Zero), AlertType.Recovery, AlertSeverity.Low, "system:cpu", "CPU back to 40.0%")
    {
        Content = new AlertContent("[SysMedic] LOW build-01: CPU back to 40.0%", "CPU back to 40.0%", "<p>CPU back to 40.0%</p>"),
    };
}

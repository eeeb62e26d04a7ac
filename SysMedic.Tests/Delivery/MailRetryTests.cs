using Microsoft.Extensions.Logging;
using SysMedic.Agent.Delivery;
using SysMedic.Core.Storage;
using SysMedic.Tests.Storage;

namespace SysMedic.Tests.Delivery;

public class MailRetryTests
{
    [Test]
    public async Task Mail_queued_while_the_server_is_down_arrives_exactly_once_when_it_is_up()
    {
        int port = FreePort.Next();
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Mail(port);
        long id = AlertDelivery.Enqueue(db.Outbox, 5, SampleAlerts.CpuHigh(), config).Single();

        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.Zero);
        var failed = db.Outbox.Get(id)!;
        Assert.That(failed.Attempts, Is.EqualTo(1));
        Assert.That(failed.NextAttemptAt, Is.EqualTo(temp.Time.GetUtcNow() + OutboxStore.FirstRetryDelay));
        Assert.That(failed.LastError, Does.StartWith($"cannot connect to 127.0.0.1:{port}"));

        await using var server = await TestSmtpServer.StartAsync(port, "alerts", "s3cret pass");
        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.Zero, "not due before its back-off");
        temp.Time.Advance(OutboxStore.FirstRetryDelay);
        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.EqualTo(1));
        temp.Time.Advance(TimeSpan.FromHours(2));
        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.Zero);

        Assert.That(server.Received.Single().Message.Headers[MailSender.AlertIdHeader], Is.EqualTo("5"));
        Assert.That(db.Outbox.Get(id)!.Attempts, Is.EqualTo(2));
    }

    [Test]
    public async Task Queued_mail_survives_a_restart_and_is_delivered_after_it()
    {
        int port = FreePort.Next();
        using var temp = new TempDatabase();
        var config = SampleAlerts.Mail(port);
        using (var db = temp.Open())
        {
            AlertDelivery.Enqueue(db.Outbox, 9, SampleAlerts.CpuHigh(), config);
        }

        await using var server = await TestSmtpServer.StartAsync(port, "alerts", "s3cret pass");
        using var reopened = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);

        Assert.That((await dispatcher.DeliverDueAsync(reopened.Outbox, config, CancellationToken.None)).Delivered, Is.EqualTo(1));
        Assert.That(server.Received.Single().Message.Headers[MailSender.AlertIdHeader], Is.EqualTo("9"));
    }

    [Test]
    public async Task A_failing_server_is_logged_once_per_episode_not_at_every_retry()
    {
        int port = FreePort.Next();
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Mail(port);
        AlertDelivery.Enqueue(db.Outbox, 1, SampleAlerts.CpuHigh(), config);
        AlertDelivery.Enqueue(db.Outbox, 2, SampleAlerts.CpuHigh(), config);

        for (int pass = 0; pass < 4; pass++)
        {
            await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None);
            temp.Time.Advance(OutboxStore.MaxRetryDelay);
        }

        Assert.That(temp.Logger.Count(LogLevel.Warning), Is.EqualTo(1));
        Assert.That(db.Outbox.Due().Select(m => m.Attempts), Is.EqualTo(new[] { 4, 4 }));

        await using var server = await TestSmtpServer.StartAsync(port, "alerts", "s3cret pass");
        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.EqualTo(2));
        Assert.That(temp.Logger.Entries.Last().Message, Does.Contain("email works again"));
    }

    [Test]
    public async Task Mail_that_fails_for_a_day_is_given_up_and_logged_as_an_error()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Mail(FreePort.Next());
        long id = AlertDelivery.Enqueue(db.Outbox, 1, SampleAlerts.CpuHigh(), config).Single();

        await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None);
        temp.Time.Advance(OutboxStore.GiveUpAfter);
        await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None);

        Assert.That(db.Outbox.Get(id)!.GaveUpAt, Is.Not.Null);
        Assert.That(temp.Logger.Entries.Single(e => e.Level == LogLevel.Error).Message, Does.Contain("gave up email message " + id));
    }
}

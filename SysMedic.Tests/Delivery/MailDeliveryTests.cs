using Microsoft.Extensions.Logging;
using MimeKit;
using SysMedic.Agent.Delivery;
using SysMedic.Core.Config;
using SysMedic.Tests.Storage;

namespace SysMedic.Tests.Delivery;

public class MailDeliveryTests
{
    private const string User = "alerts";
    private const string Password = "s3cret pass";

    [Test]
    public async Task An_alert_is_mailed_over_starttls_with_auth_to_every_recipient()
    {
        await using var server = await TestSmtpServer.StartAsync(FreePort.Next(), User, Password);
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Mail(server.Port);
        var ids = AlertDelivery.Enqueue(db.Outbox, 42, SampleAlerts.CpuHigh(), config);

        int delivered = (await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered;

        Assert.That(delivered, Is.EqualTo(1), db.Outbox.Get(ids[0])!.LastError);
        var mail = server.Received.Single();
        Assert.That(mail.Secure, Is.True, "STARTTLS");
        Assert.That(mail.User, Is.EqualTo(User));
        Assert.That(mail.Recipients, Is.EqualTo(new[] { "ops@example.org", "oncall@example.org" }));
        Assert.That(mail.Message.Subject, Is.EqualTo("[SysMedic] HIGH: CPU at 93.5% on build-01"));
        Assert.That(mail.Message.From.Mailboxes.Single().Address, Is.EqualTo("sysmedic@build-01.example.org"));
        Assert.That(mail.Message.To.Mailboxes.Select(m => m.Address), Is.EqualTo(new[] { "ops@example.org", "oncall@example.org" }));
        Assert.That(mail.Message.Headers[MailSender.AlertIdHeader], Is.EqualTo("42"));
        Assert.That(mail.Message.TextBody, Does.Contain("Top user: alice (71.0%)"));
        Assert.That(mail.Message.HtmlBody, Does.Contain("<b>alice</b>"));
        Assert.That(mail.Message.Body, Is.TypeOf<MultipartAlternative>());
        Assert.That(db.Outbox.Get(ids[0])!.DeliveredAt, Is.Not.Null);
    }

    [Test]
    public async Task Recipients_and_password_are_those_in_force_when_the_mail_is_sent()
    {
        await using var server = await TestSmtpServer.StartAsync(FreePort.Next(), User, Password);
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var queuedWith = SampleAlerts.Mail(server.Port);
        queuedWith = queuedWith with { Email = queuedWith.Email with { ToEmails = ["old@example.org"], Password = "wrong" } };
        AlertDelivery.Enqueue(db.Outbox, 1, SampleAlerts.CpuHigh(), queuedWith);

        int delivered = (await dispatcher.DeliverDueAsync(db.Outbox, SampleAlerts.Mail(server.Port), CancellationToken.None)).Delivered;

        Assert.That(delivered, Is.EqualTo(1));
        Assert.That(server.Received.Single().Recipients, Is.EqualTo(new[] { "ops@example.org", "oncall@example.org" }));
    }

    [Test]
    public async Task An_untrusted_certificate_is_refused_while_tls_verify_is_on()
    {
        await using var server = await TestSmtpServer.StartAsync(FreePort.Next(), User, Password);
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Mail(server.Port);
        config = config with { Email = config.Email with { TlsVerify = true } };
        long id = AlertDelivery.Enqueue(db.Outbox, 1, SampleAlerts.CpuHigh(), config).Single();

        int delivered = (await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered;

        Assert.That(delivered, Is.Zero);
        Assert.That(server.Received, Is.Empty);
        Assert.That(server.LoginAttempts, Is.Empty, "the password is never sent to an unverified server");
        Assert.That(db.Outbox.Get(id)!.LastError, Does.Contain("TLS certificate of 127.0.0.1:" + server.Port + " was refused").And.Contain("email.tls_verify: false"));
    }

    [Test]
    public async Task A_wrong_password_is_a_failure_that_names_the_user()
    {
        await using var server = await TestSmtpServer.StartAsync(FreePort.Next(), User, Password);
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Mail(server.Port);
        config = config with { Email = config.Email with { Password = "nope" } };
        long id = AlertDelivery.Enqueue(db.Outbox, 1, SampleAlerts.CpuHigh(), config).Single();

        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.Zero);
        Assert.That(db.Outbox.Get(id)!.LastError, Does.Contain("refused the login of \"alerts\""));
    }

    [Test]
    public async Task Auto_security_never_sends_the_password_in_clear_text_to_a_server_without_starttls()
    {
        await using var server = await TestSmtpServer.StartAsync(FreePort.Next(), User, Password, tls: false);
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Mail(server.Port);
        config = config with { Email = config.Email with { Security = EmailSecurity.Auto } };
        long id = AlertDelivery.Enqueue(db.Outbox, 1, SampleAlerts.CpuHigh(), config).Single();

        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.Zero);
        Assert.That(server.LoginAttempts, Is.Empty);
        Assert.That(db.Outbox.Get(id)!.LastError, Does.Contain("offers no STARTTLS"));

        var plain = config with { Email = config.Email with { Security = EmailSecurity.None } };
        temp.Time.Advance(TimeSpan.FromMinutes(1));
        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, plain, CancellationToken.None)).Delivered, Is.EqualTo(1));
        Assert.That(server.Received.Single().Secure, Is.False);
    }

    [Test]
    public async Task Without_a_user_name_no_login_is_attempted()
    {
        await using var server = await TestSmtpServer.StartAsync(FreePort.Next());
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Mail(server.Port);
        config = config with { Email = config.Email with { Username = "", Password = "" } };
        AlertDelivery.Enqueue(db.Outbox, 1, SampleAlerts.CpuHigh(), config);

        Assert.That((await dispatcher.DeliverDueAsync(db.Outbox, config, CancellationToken.None)).Delivered, Is.EqualTo(1));
        Assert.That(server.LoginAttempts, Is.Empty);
        Assert.That(server.Received.Single().User, Is.Null);
    }

    [Test]
    public async Task Mail_queued_while_email_was_disabled_is_kept_with_a_clear_error()
    {
        using var temp = new TempDatabase();
        using var db = temp.Open();
        using var dispatcher = new OutboxDispatcher(temp.Logger, temp.Time);
        var config = SampleAlerts.Mail(FreePort.Next());
        long id = AlertDelivery.Enqueue(db.Outbox, 1, SampleAlerts.CpuHigh(), config).Single();

        await dispatcher.DeliverDueAsync(db.Outbox, config with { Email = config.Email with { Enabled = false } }, CancellationToken.None);

        var message = db.Outbox.Get(id)!;
        Assert.That((message.DeliveredAt, message.GaveUpAt), Is.EqualTo(((DateTimeOffset?)null, (DateTimeOffset?)null)));
        Assert.That(message.LastError, Does.StartWith("email is disabled (email.enabled: false)"));
        Assert.That(temp.Logger.Count(LogLevel.Warning), Is.EqualTo(1));
    }
}

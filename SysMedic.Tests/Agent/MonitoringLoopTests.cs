using System.Diagnostics;
using Microsoft.Extensions.Logging;
using SysMedic.Agent.Delivery;
using SysMedic.Agent.Doctor;
using SysMedic.Core.Alerts;
using SysMedic.Core.Config;
using SysMedic.Core.Storage;
using SysMedic.Tests.Delivery;

namespace SysMedic.Tests.Agent;

/// <summary>The monitoring loop on a fake clock over a fixture /proc tree, with a real database and a real SMTP server.</summary>
[CancelAfter(60_000)]
public class MonitoringLoopTests
{
    private const string StoredAlerts = "SELECT count(*) FROM alerts";

    [Test]
    public async Task Checks_and_watchdog_pings_go_on_while_the_mail_server_stalls_and_every_alert_arrives_once_in_order()
    {
        await using var smtp = await TestSmtpServer.StartAsync(FreePort.Next(), tls: false);
        smtp.Gate.Stall();
        using var harness = new LoopHarness(c => c with { Email = Mail(smtp.Port) });
        using var stop = new CancellationTokenSource();
        using var worker = new DeliveryWorker(harness.DatabasePath, () => harness.State.Config, harness.Logger, harness.Time);
        Task delivering = Task.Run(() => worker.RunAsync(stop.Token));
        MonitoringLoop loop = harness.NewLoop(worker.Wake);
        loop.OpenStorage();
        int pings = 0;
        Task monitoring = Task.Run(() => loop.RunAsync(() => Interlocked.Increment(ref pings), stop.Token));

        // The first check raises the system memory alert and the user's; mailing the first one stalls.
        AdvanceUntil(harness, () => smtp.Gate.Held == 1);
        long checksAtStall = loop.Checks;
        int pingsAtStall = Volatile.Read(ref pings);

        // Ten minutes of monitoring while the server holds that session: memory falls, so a recovery is raised too.
        harness.SetMemoryUsed(5);
        DateTimeOffset until = harness.Time.GetUtcNow() + TimeSpan.FromMinutes(10);
        AdvanceUntil(harness, () => harness.Time.GetUtcNow() >= until && harness.Count("SELECT count(*) FROM alerts WHERE alert_type = 'recovery'") > 0);

        Assert.That(loop.Checks - checksAtStall, Is.GreaterThanOrEqualTo(9), "a check every minute");
        Assert.That(Volatile.Read(ref pings) - pingsAtStall, Is.GreaterThanOrEqualTo(50), "the watchdog is pinged at every sample (every 10 s)");
        Assert.That(harness.Count("SELECT count(*) FROM system_metrics"), Is.GreaterThanOrEqualTo(10));
        Assert.That(smtp.Gate.Held, Is.EqualTo(1), "the delivery is still stuck");
        Assert.That(smtp.Received, Is.Empty);

        smtp.Gate.Release();
        long raised = harness.Count(StoredAlerts);
        Assert.That(Poll(() => smtp.Received.Count >= raised), Is.True, "every alert is mailed once the server answers");
        await stop.CancelAsync();
        await Task.WhenAll(monitoring, delivering);

        string[] ids = [.. smtp.Received.Select(m => m.Message.Headers[MailSender.AlertIdHeader] ?? "")];
        Assert.That(ids, Has.Length.EqualTo(raised).And.Unique);
        long high = harness.Count("SELECT id FROM alerts WHERE subject = 'system:memory' AND alert_type = 'system'");
        long recovery = harness.Count("SELECT id FROM alerts WHERE subject = 'system:memory' AND alert_type = 'recovery'");
        Assert.That(Array.IndexOf(ids, high.ToString(System.Globalization.CultureInfo.InvariantCulture)), Is.LessThan(Array.IndexOf(ids, recovery.ToString(System.Globalization.CultureInfo.InvariantCulture))), "the recovery comes after its alert");
    }

    [Test]
    public void Alerts_raised_while_the_database_refuses_writes_are_kept_and_stored_in_order_when_it_takes_them_again()
    {
        using var harness = new LoopHarness();
        int wakes = 0;
        MonitoringLoop loop = harness.NewLoop(() => wakes++);
        loop.OpenStorage();
        harness.SetMemoryUsed(5);
        harness.NextCheck(loop);
        Assert.That(harness.Count(StoredAlerts), Is.EqualTo(1), "the user's memory alert");

        QueryOnly(loop, true);
        harness.SetMemoryUsed(25);
        harness.NextCheck(loop);
        harness.SetMemoryUsed(50);
        harness.NextCheck(loop);

        Assert.That(harness.Count(StoredAlerts), Is.EqualTo(1), "nothing could be stored");
        Assert.That(harness.State.Storage.Available, Is.False);
        Assert.That(harness.State.Storage.UnstoredAlerts, Is.EqualTo(1), "the system memory alert waits in memory");
        Assert.That(harness.State.Storage.Describe(), Does.StartWith("storage: unavailable since 2026-12-06 03:02:00 UTC (read-only)"));
        Assert.That(harness.State.UnresolvedAlerts, Is.EqualTo(2), "counted though not stored yet");
        Assert.That(harness.Logger.Entries.Count(e => e.Level == LogLevel.Error), Is.EqualTo(1), "one line for the whole episode");

        QueryOnly(loop, false);
        int wakesBefore = wakes;
        harness.NextCheck(loop);

        Assert.That(harness.State.Storage.Available, Is.True);
        Assert.That(harness.Count("SELECT count(*) FROM alerts WHERE subject = 'system:memory' AND alert_type = 'system' AND timestamp = 1796526120"), Is.EqualTo(1), "raised at 03:02, stored at 03:04");
        Assert.That(harness.Count("SELECT count(*) FROM outbox"), Is.Zero, "no channel configured, nothing to queue");
        Assert.That(harness.Count("SELECT count(*) FROM alert_conditions"), Is.EqualTo(2));
        Assert.That(wakes, Is.GreaterThan(wakesBefore), "the delivery worker is woken");
        Assert.That(harness.Logger.Entries.Count(e => e.Message.Contains("writable again", StringComparison.Ordinal)), Is.EqualTo(1));
        Assert.That(harness.Logger.Entries.Any(e => e.Exception is not null), Is.False, "no stack traces for an expected failure");
    }

    [Test]
    public void A_restart_raises_nothing_for_a_condition_that_did_not_change_and_still_sends_its_recovery()
    {
        using var harness = new LoopHarness(c => c with { Alerts = c.Alerts with { SuppressMinutes = 0 } });
        harness.SetMemoryUsed(25);
        using (MonitoringLoop first = harness.NewLoop())
        {
            first.OpenStorage();
            harness.NextCheck(first);
            harness.NextCheck(first);
        }

        long before = harness.Count(StoredAlerts);
        Assert.That(before, Is.EqualTo(2), "system memory high, and the user's memory");

        MonitoringLoop second = harness.NewLoop();
        second.OpenStorage();
        harness.NextCheck(second);
        harness.NextCheck(second);
        Assert.That(harness.Count(StoredAlerts), Is.EqualTo(before), "nothing new: the conditions were restored");

        harness.SetMemoryUsed(5);
        for (int i = 0; i < 4; i++)
        {
            harness.NextCheck(second);
        }

        Assert.That(harness.Count("SELECT count(*) FROM alerts WHERE alert_type = 'recovery' AND subject = 'system:memory'"), Is.EqualTo(1), "the recovery is not lost");
    }

    [Test]
    public void The_unresolved_count_is_counted_in_storage_so_a_resolution_by_the_cli_shows_at_the_next_sample()
    {
        using var harness = new LoopHarness();
        harness.SetMemoryUsed(25);
        MonitoringLoop loop = harness.NewLoop();
        loop.OpenStorage();
        harness.NextCheck(loop);
        Assert.That(harness.State.UnresolvedAlerts, Is.EqualTo(2));

        using (var db = SysMedicDatabase.Open(harness.DatabasePath, TimeProvider.System, harness.Logger))
        {
            long id = db.Alerts.List(new AlertFilter())[0].Id;
            Assert.That(db.Alerts.Resolve(id, "ops", "done"), Is.EqualTo(AlertResolveOutcome.Resolved));
        }

        harness.Time.Advance(TimeSpan.FromSeconds(2));
        loop.Tick();
        Assert.That(harness.State.UnresolvedAlerts, Is.EqualTo(1));
        Assert.That(harness.State.Publish(harness.State.Latest!).UnresolvedAlerts, Is.EqualTo(1));
    }

    [Test]
    public void A_database_that_cannot_be_opened_at_start_is_opened_later_and_monitoring_goes_on_meanwhile()
    {
        using var harness = new LoopHarness();
        string data = harness.State.Config.DataPath;
        File.WriteAllText(data, "a file where the data directory should be");
        MonitoringLoop loop = harness.NewLoop();
        loop.OpenStorage();
        Assert.That(harness.State.Storage.Available, Is.False);
        harness.SetMemoryUsed(25);
        harness.NextCheck(loop);
        Assert.That(harness.State.Storage.UnstoredAlerts, Is.EqualTo(2));

        File.Delete(data);
        harness.NextCheck(loop);

        Assert.That(loop.Database, Is.Not.Null);
        Assert.That(harness.Count(StoredAlerts), Is.EqualTo(2), "kept while there was no database");
        Assert.That(harness.State.Storage.Available, Is.True);
    }

    private static EmailSection Mail(int port) => new()
    {
        Enabled = true,
        SmtpHost = "127.0.0.1",
        SmtpPort = port,
        Security = EmailSecurity.None,
        FromEmail = "doctor@example.org",
        ToEmails = ["ops@example.org"],
    };

    private static void QueryOnly(MonitoringLoop loop, bool on)
    {
        using var command = loop.Database!.Connection.CreateCommand();
        command.CommandText = "PRAGMA query_only = " + (on ? "1" : "0");
        command.ExecuteNonQuery();
    }

    // Moves the fake clock a second at a time, letting the loop (on another thread) catch up, until done.
    private static void AdvanceUntil(LoopHarness harness, Func<bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (!done())
        {
            Assert.That(clock.Elapsed, Is.LessThan(TimeSpan.FromSeconds(40)), "the condition never came");
            harness.Time.Advance(TimeSpan.FromSeconds(1));
            Thread.Sleep(5);
        }
    }

    private static bool Poll(Func<bool> done)
    {
        var clock = Stopwatch.StartNew();
        while (!done() && clock.Elapsed < TimeSpan.FromSeconds(20))
        {
            Thread.Sleep(20);
        }

        return done();
    }
}

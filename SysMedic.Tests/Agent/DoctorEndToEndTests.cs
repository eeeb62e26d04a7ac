using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SysMedic.Agent.Protocol;
using SysMedic.Core.Protocol;

namespace SysMedic.Tests.Agent;

/// <summary>The real binary as a doctor: it samples, stores checks, raises alerts, serves its socket and stops cleanly.</summary>
[NonParallelizable]
[CancelAfter(120_000)]
public class DoctorEndToEndTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private string _dir = "";
    private BusyLoop? _load;

    [SetUp]
    public void Create() => _dir = System.IO.Directory.CreateTempSubdirectory("sysmedic-doctor-").FullName;

    [TearDown]
    public void Clean()
    {
        _load?.Dispose();
        _load = null;
        System.IO.Directory.Delete(_dir, recursive: true);
    }

    private static long Count(string db, string sql) => DoctorProcess.Count(db, sql);

    [Test]
    public async Task A_busy_user_is_alerted_stored_and_served_and_the_doctor_stops_cleanly()
    {
        // A process of this test's own user keeps one core busy: far over a 5% user threshold.
        _load = new BusyLoop();
        using DoctorProcess doctor = DoctorProcess.Start(_dir, DoctorProcess.LowThresholds);

        Assert.That(DoctorProcess.WaitFor(() => File.Exists(doctor.DatabasePath) && Count(doctor.DatabasePath, "SELECT count(*) FROM alerts WHERE alert_type = 'user'") > 0, Limit), Is.True, "a user alert is stored");
        Assert.That(Count(doctor.DatabasePath, "SELECT count(*) FROM system_metrics"), Is.GreaterThan(0));
        Assert.That(PidFile(doctor), Is.EqualTo(doctor.Pid));

        await using LocalSocketClient client = await LocalSocketClient.ConnectAsync(doctor.SocketPath, TimeSpan.FromSeconds(10));
        Assert.That((await client.Hello).Role, Is.EqualTo("doctor"));
        var alerts = (AlertsResult)await client.RequestAsync(id => new AlertsRequest(id, false, 50), TimeSpan.FromSeconds(10));
        AlertInfo userAlert = alerts.Alerts.First(a => a.AlertType == SysMedic.Core.Alerts.AlertType.User);
        Assert.That(userAlert.Message, Does.Contain("CPU").And.Contain("threshold 5%"));

        var resolved = (ResolveAlertResult)await client.RequestAsync(id => new ResolveAlertRequest(id, userAlert.Id, "looked at it", "ops"), TimeSpan.FromSeconds(10));
        Assert.That(resolved.Alert.ResolutionNote, Is.EqualTo("looked at it"));
        Assert.That(resolved.Alert.ResolvedBy, Does.StartWith("ops"));

        Assert.That(doctor.Terminate(TimeSpan.FromSeconds(15)), Is.True, "stops on SIGTERM");
        Assert.That(doctor.ExitCode, Is.Zero);
        Assert.That(File.Exists(doctor.PidPath), Is.False, "PID file removed");
        Assert.That(Count(doctor.DatabasePath, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check = 'ok'"), Is.EqualTo(1));
    }

    [Test]
    public async Task The_alert_reaches_the_mailbox_over_starttls_with_auth()
    {
        await using var smtp = await Delivery.TestSmtpServer.StartAsync(Delivery.FreePort.Next(), "sysmedic", "s3cret-passw0rd");
        _load = new BusyLoop();
        string config = DoctorProcess.LowThresholds + $"""

            email:
              enabled: true
              smtp_host: 127.0.0.1
              smtp_port: {smtp.Port}
              security: starttls
              tls_verify: false
              from_email: doctor@example.com
              to_emails: ["ops@example.com"]
              username: sysmedic
              password: s3cret-passw0rd
            """;
        using DoctorProcess doctor = DoctorProcess.Start(_dir, config);
        Assert.That(DoctorProcess.WaitFor(() => smtp.Received.Any(m => (m.Message.Subject ?? "").Contains("threshold 5%", StringComparison.Ordinal)), Limit), Is.True, "the user alert is mailed");
        Delivery.ReceivedMail mail = smtp.Received.First(m => (m.Message.Subject ?? "").Contains("threshold 5%", StringComparison.Ordinal));
        Assert.That(mail.Secure, Is.True);
        Assert.That(mail.User, Is.EqualTo("sysmedic"));
        Assert.That(mail.Recipients, Is.EqualTo(new[] { "ops@example.com" }));
        Assert.That(mail.Message.TextBody, Does.Contain("What to do:"));
        Assert.That(doctor.Terminate(TimeSpan.FromSeconds(15)), Is.True);
    }

    [Test]
    public void A_restarted_doctor_does_not_raise_the_same_alerts_again_and_continues_episodes()
    {
        _load = new BusyLoop();
        const string userAlerts = "SELECT count(*) FROM alerts WHERE alert_type = 'user'";
        using (DoctorProcess first = DoctorProcess.Start(_dir, DoctorProcess.LowThresholds))
        {
            Assert.That(DoctorProcess.WaitFor(() => Count(first.DatabasePath, userAlerts) > 0, Limit), Is.True);
            Assert.That(first.Terminate(TimeSpan.FromSeconds(15)), Is.True);
        }

        string db = Path.Combine(_dir, "data", "sysmedic.db");
        long alertsBefore = Count(db, userAlerts);
        long checksBefore = Count(db, "SELECT count(*) FROM system_metrics");
        using DoctorProcess second = DoctorProcess.Start(_dir, DoctorProcess.LowThresholds);
        Assert.That(DoctorProcess.WaitFor(() => Count(db, "SELECT count(*) FROM system_metrics") >= checksBefore + 3, Limit), Is.True, "the second doctor checks");
        Assert.That(Count(db, userAlerts), Is.EqualTo(alertsBefore), "within the suppress window nothing is raised twice");
        Assert.That(Count(db, "SELECT count(*) FROM persistent_users WHERE end_time IS NULL"), Is.GreaterThan(0), "the episode goes on");
        Assert.That(second.Terminate(TimeSpan.FromSeconds(15)), Is.True);
    }

    [Test]
    public void A_busy_process_of_another_user_that_has_ended_is_shown_afterwards_by_report_at()
    {
        if (!BusyLoop.CanChangeUser)
        {
            Assert.Ignore("running a process as another user needs root");
        }

        using DoctorProcess doctor = DoctorProcess.Start(_dir, DoctorProcess.LowThresholds);
        const string moments = "SELECT count(*) FROM moments";
        Assert.That(DoctorProcess.WaitFor(() => Count(doctor.DatabasePath, moments) > 1, Limit), Is.True);
        DateTimeOffset during;
        using (new BusyLoop(BusyLoop.TestUid))
        {
            long before = Count(doctor.DatabasePath, moments);
            Assert.That(DoctorProcess.WaitFor(() => Count(doctor.DatabasePath, moments) >= before + 3, Limit), Is.True, "three checks while it runs");
            during = DateTimeOffset.Now;
        }

        long after = Count(doctor.DatabasePath, moments);
        Assert.That(DoctorProcess.WaitFor(() => Count(doctor.DatabasePath, moments) >= after + 2, Limit), Is.True, "checks go on after it ended");
        Assert.That(doctor.Terminate(TimeSpan.FromSeconds(15)), Is.True);

        var (code, json, error) = Commands.CliRunner.Run("report", "--at", during.ToString("o", System.Globalization.CultureInfo.InvariantCulture), "--json", "--config", doctor.ConfigPath);
        Assert.That(code, Is.Zero, error);
        var report = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        Assert.That(report["recorded"]!.GetValue<bool>(), Is.True);
        var busy = report["processes"]!.AsArray().Single(p => p!["uid"]!.GetValue<uint>() == BusyLoop.TestUid)!;
        Assert.That(busy["name"]!.GetValue<string>(), Is.EqualTo("sh"));
        Assert.That(busy["cpu_percent"]!.GetValue<double>(), Is.GreaterThan(1), "it ran all through that check (how much depends on what else the machine does)");
        Assert.That(report["users"]!.AsArray().Select(u => u!["uid"]!.GetValue<uint>()), Does.Contain(BusyLoop.TestUid));

        var (textCode, text, _) = Commands.CliRunner.Run("report", "--at", during.ToString("o", System.Globalization.CultureInfo.InvariantCulture), "--config", doctor.ConfigPath);
        Assert.That(textCode, Is.Zero);
        Assert.That(text, Does.StartWith("Recorded moment: the check that ended").And.Contain("while :; do :; done"));

        var (early, _, refused) = Commands.CliRunner.Run("report", "--at", "2000-01-01 00:00", "--config", doctor.ConfigPath);
        Assert.That(early, Is.EqualTo(1));
        Assert.That(refused, Does.Contain("nothing was recorded at or before 2000-01-01 00:00:00").And.Contain("the first recorded moment is"));
    }

    [Test]
    public void A_second_doctor_is_refused_naming_the_first()
    {
        using DoctorProcess first = DoctorProcess.Start(_dir, DoctorProcess.LowThresholds);
        Assert.That(DoctorProcess.WaitFor(() => PidFile(first) == first.Pid, Limit), Is.True);
        using DoctorProcess second = DoctorProcess.Start(_dir, DoctorProcess.LowThresholds);
        Assert.That(DoctorProcess.WaitFor(() => second.HasExited, Limit), Is.True);
        Assert.That(second.ExitCode, Is.EqualTo(1));
        Assert.That(first.HasExited, Is.False);
    }

    [Test]
    public void An_invalid_configuration_stops_the_doctor_with_exit_code_2()
    {
        using DoctorProcess doctor = DoctorProcess.Start(_dir, "monitoring:\n  check_interval: sixty\n");
        Assert.That(DoctorProcess.WaitFor(() => doctor.HasExited, Limit), Is.True);
        Assert.That(doctor.ExitCode, Is.EqualTo(2));
    }

    private static int? PidFile(DoctorProcess d) => SysMedic.Agent.Daemon.PidFile.ReadPid(d.PidPath);
}

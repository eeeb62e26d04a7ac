using System.Diagnostics;
using Microsoft.Data.Sqlite;
using SysMedic.Agent.Delivery;
using SysMedic.Agent.Protocol;
using SysMedic.Core.Protocol;
using SysMedic.Tests.Delivery;

namespace SysMedic.Tests.Agent;

/// <summary>The real binary as a doctor, with its world broken: a mail server that hangs, a full disk, a restart.</summary>
[NonParallelizable]
[CancelAfter(180_000)]
public class DoctorFaultTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(60);
    private readonly List<IDisposable> _cleanup = [];
    private string _dir = "";

    [SetUp]
    public void Create() => _dir = Directory.CreateTempSubdirectory("sysmedic-faults-").FullName;

    [TearDown]
    public void Clean()
    {
        for (int i = _cleanup.Count - 1; i >= 0; i--)
        {
            _cleanup[i].Dispose();
        }

        _cleanup.Clear();
        Directory.Delete(_dir, recursive: true);
    }

    [Test]
    public async Task A_mail_server_that_stops_answering_delays_mail_but_never_checks()
    {
        await using var smtp = await TestSmtpServer.StartAsync(FreePort.Next(), tls: false);
        smtp.Gate.Stall();
        _cleanup.Add(new BusyLoop());
        DoctorProcess doctor = Keep(DoctorProcess.Start(_dir, DoctorProcess.LowThresholds + Mail(smtp.Port)));

        Assert.That(DoctorProcess.WaitFor(() => smtp.Gate.Held == 1, Limit), Is.True, "mailing the first alert hangs");
        long checks = Count(doctor, "SELECT count(*) FROM system_metrics");
        Thread.Sleep(TimeSpan.FromSeconds(8));
        Assert.That(Count(doctor, "SELECT count(*) FROM system_metrics") - checks, Is.GreaterThanOrEqualTo(4), "a check every second goes on");
        Assert.That(smtp.Gate.Held, Is.EqualTo(1), "still hanging");

        long queued = Count(doctor, "SELECT max(id) FROM alerts");
        smtp.Gate.Release();
        Assert.That(DoctorProcess.WaitFor(() => Mailed(smtp).Count(id => id <= queued) == queued, Limit), Is.True, "every alert queued during the stall goes out");
        Assert.That(doctor.Terminate(TimeSpan.FromSeconds(15)), Is.True);
        Assert.That(Mailed(smtp), Is.Unique, "no alert mailed twice");
    }

    [Test]
    public void A_restart_raises_nothing_for_an_unchanged_condition_and_sends_its_recovery_after_it()
    {
        // No suppress window: only the restored conditions can keep the second doctor quiet.
        string config = DoctorProcess.LowThresholds + "\nalerts:\n  suppress_minutes: 0\n  clear_margin_percent: 0\n  clear_after_minutes: 0\n";
        // As root, the load runs under a uid of its own: root's own figures move with whatever else runs.
        var load = BusyLoop.CanChangeUser ? new BusyLoop(BusyLoop.TestUid) : new BusyLoop();
        string subject = $"user:{(BusyLoop.CanChangeUser ? BusyLoop.TestUid.ToString(System.Globalization.CultureInfo.InvariantCulture) : Environment.UserName)}:cpu";
        string ofLoad = $"SELECT count(*) FROM alerts WHERE subject = '{subject}'";
        using (DoctorProcess first = DoctorProcess.Start(_dir, config))
        {
            Assert.That(DoctorProcess.WaitFor(() => Count(first, ofLoad) > 0, Limit), Is.True);
            Assert.That(first.Terminate(TimeSpan.FromSeconds(15)), Is.True);
        }

        long before = Count(_dir, ofLoad);
        DoctorProcess second = Keep(DoctorProcess.Start(_dir, config));
        long checks = Count(second, "SELECT count(*) FROM system_metrics");
        Assert.That(DoctorProcess.WaitFor(() => Count(second, "SELECT count(*) FROM system_metrics") >= checks + 4, Limit), Is.True, "the second doctor checks");
        Assert.That(Count(second, ofLoad), Is.EqualTo(before), $"nothing raised again for the same condition; its log:\n{Log(_dir)}");

        load.Dispose();
        Assert.That(DoctorProcess.WaitFor(() => Count(second, ofLoad + " AND alert_type = 'recovery'") == 1, Limit), Is.True, $"the recovery is not lost; its log:\n{Log(_dir)}");
        Assert.That(second.Terminate(TimeSpan.FromSeconds(15)), Is.True);
    }

    [Test]
    public async Task Alerts_raised_while_the_disk_is_full_are_stored_and_sent_once_it_has_room()
    {
        string data = Path.Combine(_dir, "data");
        Directory.CreateDirectory(data);
        if (Run("mount", "-t", "tmpfs", "-o", "size=8m", "tmpfs", data) is { } refused)
        {
            Assert.Ignore($"a small tmpfs cannot be mounted here ({refused.Trim()}); the test needs root");
        }

        _cleanup.Add(new Unmount(data));
        int port = FreePort.Next();
        DoctorProcess doctor = Keep(DoctorProcess.Start(_dir, DoctorProcess.LowThresholds + Mail(port)));
        Assert.That(DoctorProcess.WaitFor(() => Count(doctor, "SELECT count(*) FROM system_metrics") > 2, Limit), Is.True);

        string filler = Path.Combine(data, "filler");
        Fill(filler);
        _cleanup.Add(new BusyLoop(BusyLoop.TestUid));
        await using LocalSocketClient client = await LocalSocketClient.ConnectAsync(doctor.SocketPath, TimeSpan.FromSeconds(10));
        StorageInfo? kept = null;
        client.SnapshotReceived += s =>
        {
            if (s.Storage is { Available: false, UnstoredAlerts: > 0 } storage)
            {
                kept = storage;
            }
        };
        Assert.That(DoctorProcess.WaitFor(() => kept is not null, Limit), Is.True, $"the doctor says storage is unavailable and keeps the alert of uid 61234; its log:\n{Log(_dir)}");
        Assert.That(kept!.Reason, Is.EqualTo("disk full"));

        await using var smtp = await TestSmtpServer.StartAsync(port, tls: false);
        File.Delete(filler);
        Assert.That(DoctorProcess.WaitFor(() => Count(doctor, "SELECT count(*) FROM alerts WHERE message LIKE '61234 %'") > 0, Limit), Is.True, "stored once there is room");
        Assert.That(DoctorProcess.WaitFor(() => smtp.Received.Any(m => (m.Message.Subject ?? "").Contains("61234 uses", StringComparison.Ordinal)), Limit), Is.True, "and mailed");
        Assert.That(doctor.Terminate(TimeSpan.FromSeconds(15)), Is.True);

        string log = Log(_dir);
        int raised = log.Split('\n').Count(l => l.Contains("ALERT ", StringComparison.Ordinal));
        Assert.That(Count(_dir, "SELECT count(*) FROM alerts"), Is.EqualTo(raised), "every alert raised is stored");
        Assert.That(log.Split('\n').Count(l => l.Contains("storage unavailable (disk full)", StringComparison.Ordinal)), Is.EqualTo(1), "one line when it fails");
        Assert.That(log, Does.Contain("storage is writable again"));
        Assert.That(log, Does.Not.Contain("   at "), "no stack trace");
    }

    private static string Log(string directory)
    {
        string[] files = Directory.Exists(Path.Combine(directory, "log")) ? Directory.GetFiles(Path.Combine(directory, "log"), "sysmedic*.log") : [];
        if (files.Length == 0)
        {
            return "(none)";
        }

        using var reader = new StreamReader(new FileStream(files[0], FileMode.Open, FileAccess.Read, FileShare.ReadWrite));
        return reader.ReadToEnd();
    }

    private static List<long> Mailed(TestSmtpServer smtp) =>
        [.. smtp.Received.Select(m => long.Parse(m.Message.Headers[MailSender.AlertIdHeader] ?? "0", System.Globalization.CultureInfo.InvariantCulture))];

    private static string Mail(int port) => $"""

        email:
          enabled: true
          smtp_host: 127.0.0.1
          smtp_port: {port}
          security: none
          from_email: doctor@example.com
          to_emails: ["ops@example.com"]
        """;

    private DoctorProcess Keep(DoctorProcess doctor)
    {
        _cleanup.Add(doctor);
        return doctor;
    }

    private static long Count(DoctorProcess doctor, string sql) => Count(doctor.Directory, sql);

    private static long Count(string directory, string sql) => DoctorProcess.Count(Path.Combine(directory, "data", "sysmedic.db"), sql);

    // Writes zeros until the file system has no room left.
    private static void Fill(string path)
    {
        var block = new byte[64 * 1024];
        using var file = new FileStream(path, FileMode.Create);
        try
        {
            while (true)
            {
                file.Write(block);
                file.Flush();
            }
        }
        catch (IOException)
        {
            // ENOSPC: full.
        }
    }

    // Null when the command succeeded, else what it printed.
    private static string? Run(string command, params string[] arguments)
    {
        try
        {
            using Process p = Process.Start(new ProcessStartInfo(command, arguments) { RedirectStandardError = true, RedirectStandardOutput = true })!;
            string output = p.StandardOutput.ReadToEnd() + p.StandardError.ReadToEnd();
            p.WaitForExit();
            return p.ExitCode == 0 ? null : output.Length > 0 ? output : $"exit {p.ExitCode}";
        }
        catch (System.ComponentModel.Win32Exception ex)
        {
            return ex.Message;
        }
    }

    private sealed class Unmount(string path) : IDisposable
    {
        public void Dispose() => _ = Run("umount", "-l", path);
    }
}

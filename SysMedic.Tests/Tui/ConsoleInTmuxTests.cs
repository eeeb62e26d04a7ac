using System.Diagnostics;
using SysMedic.Tests.Agent;

namespace SysMedic.Tests.Tui;

/// <summary>The built sysmedic in a real terminal: tmux runs it, keys go in with send-keys, the screen comes back.</summary>
[NonParallelizable]
public class ConsoleInTmuxTests
{
    private const string Exited = "SYSMEDIC-EXITED";

    [TestCase(120, 40)]
    [TestCase(80, 24)]
    [CancelAfter(300_000)]
    public void Console_runs_in_a_real_terminal_switches_screens_and_quits_with_q(int cols, int rows)
    {
        if (!TmuxSession.IsInstalled())
        {
            RequiredTool.Missing("tmux is not installed (.ci/setup installs it)");
        }

        string dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "sysmedic.dll");
        // The test process hides the terminal from Terminal.Gui; the real console must not inherit that. No doctor
        // answers on the socket named, so the console runs its embedded sampler whatever runs on this machine.
        string command = $"env -u DisableRealDriverIO SYSMEDIC_SOCKET=/nonexistent/doctor.sock dotnet '{dll}'; echo {Exited} $?; sleep 600";
        using TmuxSession tmux = TmuxSession.Start(command, cols, rows);

        string dashboard = tmux.WaitFor(s => s.Contains("Top of", StringComparison.Ordinal) && s.Contains("CPU ", StringComparison.Ordinal) && HasStatus(s));
        Assert.That(dashboard, Does.Contain("embedded - start the agent"), dashboard);
        Assert.That(dashboard, Does.Contain("F10"), dashboard);

        tmux.SendKeys("F2");
        string users = tmux.WaitFor("users, by CPU%");
        Assert.That(users, Does.Contain("USER"), users);

        tmux.SendKeys("F4");
        string processes = tmux.WaitFor("processes, all users");
        Assert.That(processes, Does.Contain("COMMAND"), processes);

        tmux.SendKeys("/");
        tmux.WaitFor("Filter:");
        tmux.SendKeys("-l", "sysmedic");
        tmux.SendKeys("Enter");
        string filtered = tmux.WaitFor("filter \"sysmedic\"");
        Assert.That(filtered, Does.Contain("dotnet"), "the console's own process matches: " + filtered);

        tmux.SendKeys("Escape");
        tmux.SendKeys("F1");
        string help = tmux.WaitFor("SysMedic help");
        Assert.That(help, Does.Contain("q, F10 quit"), help);
        tmux.SendKeys("Escape");
        string afterEsc = tmux.WaitFor(s => !s.Contains("SysMedic help", StringComparison.Ordinal));
        Assert.That(afterEsc, Does.Not.Contain(Exited), "Esc must not quit the console");
        Assert.That(afterEsc, Does.Contain("processes, all users"), afterEsc);

        tmux.SendKeys("q");
        string end = tmux.WaitFor(Exited);
        Assert.That(end, Does.Contain(Exited + " 0"), end);
    }

    [TestCase(120, 40)]
    [TestCase(80, 24)]
    [CancelAfter(300_000)]
    public void Console_on_a_real_doctor_shows_local_and_resolves_an_alert_on_the_alerts_screen(int cols, int rows)
    {
        if (!TmuxSession.IsInstalled())
        {
            RequiredTool.Missing("tmux is not installed (.ci/setup installs it)");
        }

        string dir = Directory.CreateTempSubdirectory("sysmedic-tmux-doctor-").FullName;
        using var load = new BusyLoop();
        try
        {
            using DoctorProcess doctor = DoctorProcess.Start(dir, DoctorProcess.LowThresholds);
            Assert.That(DoctorProcess.WaitFor(() => File.Exists(doctor.SocketPath), TimeSpan.FromSeconds(60)), Is.True, "the doctor serves its socket");

            string dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "sysmedic.dll");
            string command = $"env -u DisableRealDriverIO SYSMEDIC_SOCKET='{doctor.SocketPath}' HOME='{dir}' dotnet '{dll}'; echo {Exited} $?; sleep 600";
            using TmuxSession tmux = TmuxSession.Start(command, cols, rows);

            string dashboard = tmux.WaitFor(s => s.Contains("local: connected to sysmedic", StringComparison.Ordinal) && HasStatus(s));
            Assert.That(dashboard, Does.Contain(" local: connected to sysmedic"), dashboard);
            Assert.That(dashboard, Does.Not.Contain("embedded"), dashboard);

            tmux.SendKeys("F3");
            string alerts = tmux.WaitFor(s => s.Contains("unresolved, by STATUS", StringComparison.Ordinal) && s.Contains("OPEN", StringComparison.Ordinal) && s.Contains("Details", StringComparison.Ordinal));
            Assert.That(alerts, Does.Contain("SEVERITY"), alerts);
            Assert.That(alerts, Does.Contain("Details"), alerts);

            tmux.SendKeys("Enter");
            string form = tmux.WaitFor("Resolved by:");
            Assert.That(form, Does.Match(@"Resolve alert \d+"), form);
            tmux.SendKeys("-l", "checked in tmux");
            tmux.SendKeys("Enter");
            string resolved = tmux.WaitFor(s => s.Contains("resolved by ", StringComparison.Ordinal) && !s.Contains("Resolved by:", StringComparison.Ordinal));
            Assert.That(resolved, Does.Match(@"alert \d+ resolved by"), resolved);

            tmux.SendKeys("q");
            string end = tmux.WaitFor(Exited);
            Assert.That(end, Does.Contain(Exited + " 0"), end);
            Assert.That(doctor.Terminate(TimeSpan.FromSeconds(15)), Is.True);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Test]
    [CancelAfter(300_000)]
    public void Replay_on_a_real_doctor_shows_the_busy_process_of_another_user_after_it_ended()
    {
        if (!TmuxSession.IsInstalled())
        {
            Assert.Ignore("tmux is not installed (.ci/setup installs it)");
        }

        if (!BusyLoop.CanChangeUser)
        {
            Assert.Ignore("running a process as another user needs root");
        }

        string dir = Directory.CreateTempSubdirectory("sysmedic-tmux-replay-").FullName;
        try
        {
            using DoctorProcess doctor = DoctorProcess.Start(dir, DoctorProcess.LowThresholds);
            const string moments = "SELECT count(*) FROM moments";
            TimeSpan limit = TimeSpan.FromSeconds(60);
            Assert.That(DoctorProcess.WaitFor(() => DoctorProcess.Count(doctor.DatabasePath, moments) > 1, limit), Is.True, "the doctor records moments");
            // A time after each of three checks while it runs; the newest whose recorded moment has it is typed below
            // (what the doctor records is checked by report --at; this test is about the console showing it).
            var candidates = new List<DateTimeOffset>();
            using (new BusyLoop(BusyLoop.TestUid))
            {
                long before = DoctorProcess.Count(doctor.DatabasePath, moments);
                for (int check = 1; check <= 3; check++)
                {
                    Assert.That(DoctorProcess.WaitFor(() => DoctorProcess.Count(doctor.DatabasePath, moments) >= before + check, limit), Is.True, "checks while it runs");
                    candidates.Add(DateTimeOffset.Now);
                }
            }

            DateTimeOffset during = candidates.AsEnumerable().Reverse().FirstOrDefault(t => RecordedBusyLoop(doctor, t));
            Assert.That(during, Is.Not.EqualTo(default(DateTimeOffset)), "a moment recorded while the loop ran has it");

            long after = DoctorProcess.Count(doctor.DatabasePath, moments);
            Assert.That(DoctorProcess.WaitFor(() => DoctorProcess.Count(doctor.DatabasePath, moments) >= after + 2, limit), Is.True, "checks go on after it ended");

            string dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "sysmedic.dll");
            string command = $"env -u DisableRealDriverIO SYSMEDIC_SOCKET='{doctor.SocketPath}' HOME='{dir}' dotnet '{dll}'; echo {Exited} $?; sleep 600";
            using TmuxSession tmux = TmuxSession.Start(command, 120, 40);
            string live = tmux.WaitFor(s => s.Contains("local: connected to sysmedic", StringComparison.Ordinal) && HasStatus(s));
            Assert.That(live, Does.Not.Contain("while :; do :; done"), "it has ended: the live screens do not show it");

            tmux.SendKeys("F5");
            tmux.WaitFor("g go to a time");
            tmux.SendKeys("g");
            tmux.WaitFor("Replay the moment at");
            string typed = during.ToString("o", System.Globalization.CultureInfo.InvariantCulture);
            string day = TimeZoneInfo.ConvertTime(during, TimeZoneInfo.Local).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
            tmux.SendKeys("-l", typed);
            tmux.SendKeys("Enter");
            string replay = tmux.WaitFor(s => s.Contains("REPLAY", StringComparison.Ordinal) && s.Contains("61234", StringComparison.Ordinal));
            Assert.That(replay, Does.Contain(" REPLAY " + day), replay);
            Assert.That(replay, Does.Match(@"│61234 +\d"), "the dashboard's users then: " + replay);

            tmux.SendKeys("F4");
            string processes = tmux.WaitFor(s => s.Contains("while :; do :; done", StringComparison.Ordinal));
            Assert.That(processes, Does.Match(@"61234 .*while :; do :; done"), processes);
            Assert.That(processes, Does.Contain("REPLAY"), processes);

            tmux.SendKeys("Escape");
            string back = tmux.WaitFor(s => !s.Contains("REPLAY", StringComparison.Ordinal) && s.Contains("(1-5)  ▏", StringComparison.Ordinal));
            Assert.That(back, Does.Contain("Enter replay"), "back on History, the cursor where the replay was: " + back);
            Assert.That(back, Does.Not.Contain("while :; do :; done"), back);

            tmux.SendKeys("q");
            Assert.That(tmux.WaitFor(Exited), Does.Contain(Exited + " 0"));
            Assert.That(doctor.Terminate(TimeSpan.FromSeconds(15)), Is.True);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    private static bool RecordedBusyLoop(DoctorProcess doctor, DateTimeOffset at)
    {
        var (code, json, _) = Commands.CliRunner.Run("report", "--at", at.ToString("o", System.Globalization.CultureInfo.InvariantCulture), "--json", "--config", doctor.ConfigPath);
        // Its process, and its user among the check's users: a check whose window the loop only ended in can hold
        // the ended process without the user's share, and the screen below looks for both.
        if (code != 0)
        {
            return false;
        }

        System.Text.Json.Nodes.JsonNode moment = System.Text.Json.Nodes.JsonNode.Parse(json)!;
        return moment["processes"]!.AsArray().Any(p => p!["uid"]!.GetValue<uint>() == BusyLoop.TestUid)
            && moment["users"]!.AsArray().Any(u => u!["uid"]!.GetValue<uint>() == BusyLoop.TestUid);
    }

    private static bool HasStatus(string screen) =>
        screen.Contains("Light Usage", StringComparison.Ordinal)
        || screen.Contains("Medium Usage", StringComparison.Ordinal)
        || screen.Contains("Heavy Load", StringComparison.Ordinal);
}

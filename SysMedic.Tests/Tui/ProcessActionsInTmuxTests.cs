using System.Diagnostics;
using System.Globalization;
using SysMedic.Tests.Agent;

namespace SysMedic.Tests.Tui;

/// <summary>
/// The built sysmedic in tmux acting on real processes of another user: a parent <c>sleep</c> and its child, run
/// under a uid of their own. The console (root, embedded) shows them as a tree, raises the parent's nice value with
/// F8 and ends it with F9 &gt; TERM &gt; Send; a read-only console refuses the same keys.
/// </summary>
[NonParallelizable]
public class ProcessActionsInTmuxTests
{
    private const string Exited = "SYSMEDIC-EXITED";

    [Test]
    [CancelAfter(300_000)]
    public void An_operator_finds_another_users_sleep_sees_its_tree_renices_and_signals_it_and_readonly_refuses()
    {
        if (!TmuxSession.IsInstalled())
        {
            Assert.Ignore("tmux is not installed (.ci/setup installs it)");
        }

        if (!BusyLoop.CanChangeUser)
        {
            Assert.Ignore("needs root: the sleeps run as a uid of their own (setpriv), which only root may signal and renice");
        }

        // The parent execs into "sleep 4242" after starting its child "sleep 4243": one parent, one child.
        using Process parent = Process.Start(new ProcessStartInfo("setpriv",
            [$"--reuid={BusyLoop.TestUid}", $"--regid={BusyLoop.TestUid}", "--clear-groups", "--pdeathsig", "KILL", "/bin/sh", "-c", "sleep 4243 & exec sleep 4242"])
        { UseShellExecute = false })!;
        int? child = null;
        try
        {
            Assert.That(DoctorProcess.WaitFor(() => (child = ChildOf(parent.Id)) is not null && Command(parent.Id) == "sleep 4242", TimeSpan.FromSeconds(10)), Is.True, "the parent and its child run");

            using (TmuxSession tmux = Console(readOnly: false))
            {
                tmux.SendKeys("F4");
                tmux.WaitFor("processes, all users");
                Filter(tmux, BusyLoop.TestUid.ToString(CultureInfo.InvariantCulture));
                string both = tmux.WaitFor(s => s.Contains("sleep 4242", StringComparison.Ordinal) && s.Contains("sleep 4243", StringComparison.Ordinal));
                Assert.That(both, Does.Contain("sleep 4242").And.Contain("sleep 4243"), "the filter finds both: " + both);

                tmux.SendKeys("e");
                string tree = tmux.WaitFor(s => s.Contains(", tree", StringComparison.Ordinal) && TreeChild(s) is not null);
                Assert.That(TreeChild(tree), Is.Not.Null, "the child is drawn under its parent: " + tree);
                Assert.That(Line(tree, "sleep 4242"), Does.Not.Contain("└"), "the parent is the root of its tree");
                tmux.SendKeys("e");

                // Esc clears the filter; the next key waits for that, or it would arrive as Alt+ that key.
                tmux.SendKeys("Escape");
                tmux.WaitFor(s => !s.Contains("filter \"", StringComparison.Ordinal));
                Filter(tmux, "sleep 4242");
                tmux.WaitFor(s => s.Contains("sleep 4242", StringComparison.Ordinal) && !s.Contains("sleep 4243", StringComparison.Ordinal));

                tmux.SendKeys("F8");
                string reniced = tmux.WaitFor("now runs at nice 1");
                Assert.That(reniced, Does.Contain($"{parent.Id} (sleep) now runs at nice 1"), reniced);
                Assert.That(Ps(parent.Id, "ni"), Is.EqualTo("1"), "ps -o ni shows the new nice value");

                tmux.SendKeys("F9");
                string menu = tmux.WaitFor("Send a signal");
                Assert.That(menu, Does.Contain("TERM").And.Contain("KILL"), menu);
                tmux.SendKeys("Enter");
                string confirm = tmux.WaitFor("Send SIGTERM");
                Assert.That(confirm, Does.Contain($"{parent.Id} (sleep) of {BusyLoop.TestUid}: sleep 4242"), "the confirmation names pid, user and command: " + confirm);
                tmux.SendKeys("Enter");
                string sent = tmux.WaitFor("sent SIGTERM to");
                Assert.That(sent, Does.Contain($"sent SIGTERM to {parent.Id} (sleep)"), sent);
                Assert.That(parent.WaitForExit(10_000), Is.True, "the process is gone");

                tmux.SendKeys("q");
                Assert.That(tmux.WaitFor(Exited), Does.Contain(Exited + " 0"));
            }

            using (TmuxSession tmux = Console(readOnly: true))
            {
                tmux.SendKeys("F4");
                tmux.WaitFor("processes, all users");
                Filter(tmux, "sleep 4243");
                tmux.WaitFor("sleep 4243");
                foreach (string key in new[] { "F8", "F7", "F9" })
                {
                    tmux.SendKeys(key);
                    string refused = tmux.WaitFor("read-only console");
                    Assert.That(refused, Does.Contain("read-only console: signals and nice are off"), key + ": " + refused);
                    Assert.That(refused, Does.Not.Contain("Send a signal"), key + " opens nothing");
                }

                Assert.That(Ps(child!.Value, "ni"), Is.EqualTo("0"), "the read-only console changed nothing");
                Assert.That(File.Exists($"/proc/{child}/stat"), Is.True, "the child still runs");
                tmux.SendKeys("q");
                Assert.That(tmux.WaitFor(Exited), Does.Contain(Exited + " 0"));
            }
        }
        finally
        {
            if (!parent.HasExited)
            {
                parent.Kill();
            }

            if (child is { } c && Command(c) == "sleep 4243")
            {
                using Process leftover = Process.GetProcessById(c);
                leftover.Kill();
            }
        }
    }

    private static TmuxSession Console(bool readOnly)
    {
        string dll = Path.Combine(TestContext.CurrentContext.TestDirectory, "sysmedic.dll");
        // No doctor answers on the socket named, so the console runs its embedded sampler with its own (root's) rights.
        string command = $"env -u DisableRealDriverIO SYSMEDIC_SOCKET=/nonexistent/doctor.sock dotnet '{dll}'{(readOnly ? " --readonly" : "")}; echo {Exited} $?; sleep 600";
        TmuxSession tmux = TmuxSession.Start(command, 120, 40);
        tmux.WaitFor(s => s.Contains("Top of", StringComparison.Ordinal) && s.Contains("F10", StringComparison.Ordinal));
        return tmux;
    }

    private static void Filter(TmuxSession tmux, string text)
    {
        tmux.SendKeys("/");
        tmux.WaitFor("Filter:");
        tmux.SendKeys("-l", text);
        tmux.SendKeys("Enter");
        tmux.WaitFor($"filter \"{text}\"");
    }

    private static string? TreeChild(string screen) =>
        screen.Split('\n').FirstOrDefault(l => l.Contains("sleep 4243", StringComparison.Ordinal) && l.Contains("└─", StringComparison.Ordinal));

    private static string Line(string screen, string text) => screen.Split('\n').FirstOrDefault(l => l.Contains(text, StringComparison.Ordinal)) ?? "";

    private static int? ChildOf(int pid)
    {
        foreach (string dir in Directory.EnumerateDirectories("/proc"))
        {
            if (int.TryParse(Path.GetFileName(dir), out int p) && File.Exists(Path.Combine(dir, "stat")))
            {
                try
                {
                    string stat = File.ReadAllText(Path.Combine(dir, "stat"));
                    string[] after = stat[(stat.LastIndexOf(')') + 2)..].Split(' ');
                    if (after[1] == pid.ToString(CultureInfo.InvariantCulture))
                    {
                        return p;
                    }
                }
                catch (IOException)
                {
                    // Ended while being read.
                }
            }
        }

        return null;
    }

    private static string Command(int pid)
    {
        try
        {
            return File.ReadAllText($"/proc/{pid}/cmdline").Replace('\0', ' ').Trim();
        }
        catch (IOException)
        {
            return "";
        }
    }

    private static string Ps(int pid, string field)
    {
        using Process ps = Process.Start(new ProcessStartInfo("ps", ["-o", field + "=", "-p", pid.ToString(CultureInfo.InvariantCulture)]) { RedirectStandardOutput = true, UseShellExecute = false })!;
        string output = ps.StandardOutput.ReadToEnd();
        ps.WaitForExit();
        return output.Trim();
    }
}

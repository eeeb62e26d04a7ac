using SysMedic.Agent.Actions;

namespace SysMedic.Tests.Agent;

[NonParallelizable]
public class ProcessActionsTests
{
    private const uint Alice = BusyLoop.TestUid;
    private const uint Bob = BusyLoop.TestUid + 1;
    private readonly ProcessActions _actions = new();

    [TestCase(Alice, Alice, Alice, Alice, true, TestName = "A user may signal their own process")]
    [TestCase(Bob, Alice, Alice, Alice, false, TestName = "A user may not signal another user's process")]
    [TestCase(0u, Alice, Alice, Alice, true, TestName = "Root may signal anyone's process")]
    [TestCase(Alice, Alice, 0u, 0u, true, TestName = "A user may signal a setuid program they started (real uid theirs)")]
    [TestCase(Alice, 0u, Alice, 0u, false, TestName = "A user may not signal a root process that only took their effective uid")]
    [TestCase(Alice, 0u, 0u, Alice, true, TestName = "A user may signal a process whose saved uid is theirs")]
    public void Signal_rules_are_kill_2s(uint asker, uint real, uint effective, uint saved, bool allowed) =>
        Assert.That(ProcessPermissions.MaySignal(asker, new TargetCredentials(real, effective, saved, 0, 0)), Is.EqualTo(allowed));

    [TestCase(Alice, 0, 5, 0, ActionFailure.None, TestName = "A user may raise the nice value of their own process")]
    [TestCase(Alice, 5, 0, 0, ActionFailure.NotPermitted, TestName = "A user may not lower the nice value without RLIMIT_NICE")]
    [TestCase(Alice, 5, 0, 20, ActionFailure.None, TestName = "RLIMIT_NICE 20 lets a user lower the nice value to 0")]
    [TestCase(Alice, 5, -1, 20, ActionFailure.NotPermitted, TestName = "RLIMIT_NICE 20 does not let a user go below 0")]
    [TestCase(Bob, 0, 5, 0, ActionFailure.NotPermitted, TestName = "A user may not renice another user's process")]
    [TestCase(0u, 5, -20, 0, ActionFailure.None, TestName = "Root may give any nice value")]
    public void Renice_rules_are_setpriority_2s(uint asker, int nice, int wanted, int limit, ActionFailure expected) =>
        Assert.That(ProcessPermissions.MayRenice(asker, new TargetCredentials(Alice, Alice, Alice, nice, limit), wanted), Is.EqualTo(expected));

    [Test]
    public void The_limits_file_gives_the_soft_nice_limit()
    {
        string limits = "Limit                     Soft Limit           Hard Limit           Units\nMax nice priority         0                    0\nMax realtime priority     0                    0\n";
        Assert.That(ProcessActions.ReadNiceLimit(limits), Is.Zero);
        Assert.That(ProcessActions.ReadNiceLimit(limits.Replace("Max nice priority         0 ", "Max nice priority         unlimited ", StringComparison.Ordinal)), Is.EqualTo(40));
    }

    [Test]
    public void Another_users_process_is_refused_and_keeps_running()
    {
        RequireRoot();
        using var sleep = new SleepProcess(Alice);
        ActionOutcome outcome = _actions.Signal(sleep.Pid, "KILL", asUid: Bob);
        Assert.That(outcome.Failure, Is.EqualTo(ActionFailure.NotPermitted), outcome.Message);
        Assert.That(outcome.Message, Is.EqualTo($"{sleep.Pid} (sleep): not permitted"));
        Assert.That(sleep.WaitForExit(TimeSpan.Zero), Is.False, "the process is still there");
    }

    [Test]
    public void A_users_own_process_is_signalled_and_ends()
    {
        RequireRoot();
        using var sleep = new SleepProcess(Alice);
        ActionOutcome outcome = _actions.Signal(sleep.Pid, "TERM", asUid: Alice);
        Assert.That(outcome.Ok, Is.True, outcome.Message);
        Assert.That(outcome.Message, Is.EqualTo($"sent SIGTERM to {sleep.Pid} (sleep)"));
        Assert.That(sleep.WaitForExit(TimeSpan.FromSeconds(10)), Is.True, "TERM ends sleep");
    }

    [Test]
    public void A_user_may_raise_their_processes_nice_value_but_not_lower_it_again()
    {
        RequireRoot();
        using var sleep = new SleepProcess(Alice);
        Assert.That(_actions.Renice(sleep.Pid, 5, asUid: Alice).Ok, Is.True);
        Assert.That(sleep.Nice, Is.EqualTo(5));

        ActionOutcome lower = _actions.Renice(sleep.Pid, 0, asUid: Alice);
        Assert.That(lower.Failure, Is.EqualTo(ActionFailure.NotPermitted), lower.Message);
        Assert.That(sleep.Nice, Is.EqualTo(5), "unchanged");

        Assert.That(_actions.Renice(sleep.Pid, 7, asUid: Bob).Failure, Is.EqualTo(ActionFailure.NotPermitted));
        Assert.That(_actions.Renice(sleep.Pid, -2, asUid: 0).Ok, Is.True, "root may");
        Assert.That(sleep.Nice, Is.EqualTo(-2));
    }

    [Test]
    public void With_its_own_rights_the_kernel_decides()
    {
        using var sleep = new SleepProcess();
        Assert.That(_actions.Renice(sleep.Pid, 3, asUid: null).Ok, Is.True);
        Assert.That(sleep.Nice, Is.EqualTo(3));
        Assert.That(_actions.Signal(sleep.Pid, "KILL", asUid: null).Ok, Is.True);
        Assert.That(sleep.WaitForExit(TimeSpan.FromSeconds(10)), Is.True);
    }

    [Test]
    public void A_process_that_is_gone_is_no_such_process()
    {
        using var sleep = new SleepProcess();
        int pid = sleep.Pid;
        Assert.That(_actions.Signal(pid, "KILL", asUid: null).Ok, Is.True);
        Assert.That(sleep.WaitForExit(TimeSpan.FromSeconds(10)), Is.True);
        ActionOutcome again = _actions.Signal(pid, "TERM", asUid: 0);
        Assert.That(again.Failure, Is.EqualTo(ActionFailure.NoSuchProcess), again.Message);
        Assert.That(again.Message, Does.EndWith("no such process"));
    }

    [TestCase(0)]
    [TestCase(-1)]
    public void Pid_0_and_below_are_never_signalled(int pid) =>
        Assert.That(_actions.Signal(pid, "TERM", asUid: null).Failure, Is.EqualTo(ActionFailure.BadRequest));

    [Test]
    public void An_unknown_signal_is_refused() =>
        Assert.That(_actions.Signal(Environment.ProcessId, "SEGV", asUid: null).Failure, Is.EqualTo(ActionFailure.BadRequest));

    private static void RequireRoot()
    {
        if (!BusyLoop.CanChangeUser)
        {
            Assert.Ignore("acting as another uid needs root (setpriv)");
        }
    }
}

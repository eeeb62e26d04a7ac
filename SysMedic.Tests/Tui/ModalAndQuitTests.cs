using SysMedic.Core.Sampling;
using SysMedic.Tui.Views;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace SysMedic.Tests.Tui;

[Parallelizable(ParallelScope.All)]
public class ModalAndQuitTests
{
    [Test]
    [CancelAfter(30000)]
    public void Q_quits_the_console()
    {
        using var run = new ScriptedRun();
        run.Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.That(run.StoppedByHarness, Is.False, "q should have stopped the app");
    }

    [Test]
    [CancelAfter(30000)]
    public void F10_quits_the_console()
    {
        using var run = new ScriptedRun();
        run.Then(() => run.App.InjectKey(Key.F10));
        run.Run();

        Assert.That(run.StoppedByHarness, Is.False, "F10 should have stopped the app");
    }

    [Test]
    [CancelAfter(30000)]
    public void Esc_does_not_quit_the_console()
    {
        using var run = new ScriptedRun();
        bool runningAfterEsc = false;
        run.Then(() => run.App.InjectKey(Key.Esc))
            .Then(() => run.App.InjectKey(Key.Esc))
            .Then(() => runningAfterEsc = run.Window.IsRunning);
        run.Run();

        Assert.That(runningAfterEsc, Is.True);
        Assert.That(run.StoppedByHarness, Is.True, "only the harness may stop the app in this script");
    }

    [TestCase(false)]
    [TestCase(true)]
    [CancelAfter(30000)]
    public void The_drill_down_follows_the_live_feed_when_the_agent_answers_later_too(bool later)
    {
        using var run = new ScriptedRun(connection: new FakeConnection { AnswerDetailLater = later });
        string first = "";
        string next = "";
        bool published = false;
        run.Then(() => run.App.InjectKey(Key.F2))
            .Then(() => run.App.InjectKey(Key.J))
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(Pause).Then(Pause).Then(Pause)
            .Then(() => first = run.Screen())
            .Then(() =>
            {
                // A real connection publishes from its own reading thread, not the UI thread.
                Snapshot busy = ConsoleSnapshots.Busy(ConsoleSnapshots.Time.AddSeconds(2));
                published = Task.Run(() => run.Connection.Publish(busy with { Processes = [.. busy.Processes.Select(p => p.Pid == 201 ? p with { CpuPercent = 77.7 } : p)] }))
                    .Wait(TimeSpan.FromSeconds(5));
            })
            .Then(Pause).Then(Pause).Then(Pause)
            .Then(() => next = run.Screen())
            .Then(() => run.App.InjectKey(Key.Esc))
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.Multiple(() =>
        {
            Assert.That(first, Does.Contain("User bob").And.Contain("9.0"));
            Assert.That(published, Is.True, "a snapshot from the reading thread was handed to the UI thread");
            Assert.That(next, Does.Contain("77.7"), "the new snapshot reached the open drill-down");
            Assert.That(run.StoppedByHarness, Is.False);
        });
    }

    // A pass of the loop with time for another thread's answer to arrive (through Invoke, on a later pass).
    private static void Pause() => Thread.Sleep(50);

    [Test]
    [CancelAfter(30000)]
    public void Enter_on_a_user_opens_the_drill_down_with_their_processes_and_esc_closes_it()
    {
        using var run = new ScriptedRun();
        string drillDown = "";
        string afterEsc = "";
        bool runningAfterEsc = false;
        run.Then(() => run.App.InjectKey(Key.F2))
            .Then(() => run.App.InjectKey(Key.J))
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => drillDown = run.Screen())
            .Then(() => run.App.InjectKey(Key.Esc))
            .Then(() =>
            {
                afterEsc = run.Screen();
                runningAfterEsc = run.Window.IsRunning;
            })
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.Multiple(() =>
        {
            Assert.That(run.Connection.DetailRequests, Is.EqualTo(new[] { "bob" }));
            Assert.That(drillDown, Does.Contain("User bob"));
            Assert.That(drillDown, Does.Contain("Threshold (custom): CPU 50.0%, memory 60.0%"));
            Assert.That(drillDown, Does.Contain("postgres"));
            Assert.That(drillDown, Does.Contain("2 of 2 processes, user bob"));
            Assert.That(drillDown, Does.Not.Contain("python3"), "only bob's processes");
            Assert.That(afterEsc, Does.Not.Contain("User bob"));
            Assert.That(runningAfterEsc, Is.True, "Esc closed the dialog, not the app");
            Assert.That(run.StoppedByHarness, Is.False);
        });
    }

    [Test]
    [CancelAfter(30000)]
    public void F1_opens_the_help_with_every_screen_key_and_the_status_colours()
    {
        using var run = new ScriptedRun(80, 24);
        string help = "";
        run.Then(() => run.App.InjectKey(Key.F1))
            .Then(() => help = run.Screen())
            .Then(() => run.App.InjectKey(Key.Esc))
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.Multiple(() =>
        {
            Assert.That(help, Does.Contain("SysMedic help"));
            Assert.That(help, Does.Contain("F2 Users"));
            Assert.That(help, Does.Contain("q, F10 quit"));
            Assert.That(HelpDialog.Keys, Does.Contain("Heavy Load (red)"));
            Assert.That(run.StoppedByHarness, Is.False);
        });
    }

    [Test]
    [CancelAfter(30000)]
    public void Esc_closes_an_open_menu_and_the_console_keeps_running()
    {
        using var run = new ScriptedRun();
        bool menuOpen = false;
        bool menuOpenAfterEsc = true;
        run.Then(() => run.App.InjectKey(Key.V.WithAlt))
            .Then(() => menuOpen = run.App.Popovers?.GetActivePopover() is not null)
            .Then(() => run.App.InjectKey(Key.Esc))
            .Then(() => menuOpenAfterEsc = run.App.Popovers?.GetActivePopover() is not null)
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.Multiple(() =>
        {
            Assert.That(menuOpen, Is.True, "Alt+V opens the View menu");
            Assert.That(menuOpenAfterEsc, Is.False);
            Assert.That(run.StoppedByHarness, Is.False, "q quits once the menu is closed");
        });
    }
}

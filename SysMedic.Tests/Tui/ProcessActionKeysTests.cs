using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace SysMedic.Tests.Tui;

/// <summary>The operator's keys on the Processes screen: tag, tree, follow, renice, signal, read-only.</summary>
[Parallelizable(ParallelScope.All)]
public class ProcessActionKeysTests
{
    private const ConnectionFeatures Acting = ConnectionFeatures.RecentHistory | ConnectionFeatures.Actions;

    [Test]
    public void Space_tags_the_selected_process_and_moves_on_and_U_untags_them_all()
    {
        using var console = new ConsoleHarness(connection: new FakeConnection(Acting));
        console.Press(Key.F4, Key.Space, Key.Space);

        ProcessesView view = console.Window.Processes;
        Assert.That(view.Table.Rows.Tags.Keys, Is.EquivalentTo(new[] { "101", "102" }), "python3 and sort, the two busiest");
        Assert.That(console.Screen, Does.Contain("*101").And.Contain("*102").And.Contain("2 tagged"));
        Assert.That(view.Table.Selected!.Pid, Is.EqualTo(201), "the cursor moved on after each tag");

        console.Press(new Key('U'));
        Assert.That(view.Table.Rows.Tags.Count, Is.Zero);
        Assert.That(console.Screen, Does.Not.Contain("*101").And.Not.Contain("tagged"));
    }

    [Test]
    public void C_tags_a_process_and_all_its_descendants()
    {
        using var console = new ConsoleHarness(connection: new FakeConnection(Acting));
        console.Connection.Publish(Family());
        console.Press(Key.F4);
        console.Window.Processes.Table.Select(console.Window.Processes.Table.Shown.ToList().FindIndex(p => p.Pid == 103));
        console.Press(Key.C);

        Assert.That(console.Window.Processes.Table.Rows.Tags.Keys, Is.EquivalentTo(new[] { "103", "101", "102", "104" }), "bash, its children and its grandchild");
    }

    [Test]
    public void E_shows_each_process_under_its_parent_with_tree_glyphs_and_minus_folds_and_plus_unfolds()
    {
        using var console = new ConsoleHarness(connection: new FakeConnection(Acting));
        console.Connection.Publish(Family());
        console.Press(Key.F4, Key.E);

        ProcessesView view = console.Window.Processes;
        Assert.That(view.Table.Shown.Select(p => p.Pid), Is.EqualTo(new[] { 1, 201, 202, 103, 101, 104, 102, 301 }), "children after their parent, siblings by CPU%");
        string screen = console.Screen;
        Assert.That(screen, Does.Contain("├─ -bash").And.Contain("│ ├─ python3 train.py").And.Contain("│ │ └─ make").And.Contain("│ └─ sort -u big.txt"));
        Assert.That(view.BarText, Does.Contain("tree"));

        view.Table.Select(3);
        console.Press(new Key('-'));
        Assert.That(view.Table.Shown.Select(p => p.Pid), Is.EqualTo(new[] { 1, 201, 202, 103, 301 }), "bash's descendants are folded away");
        Assert.That(console.Screen, Does.Contain("├+ -bash"));

        console.Press(new Key('+'));
        Assert.That(view.Table.Shown, Has.Count.EqualTo(8));

        console.Press(Key.E);
        Assert.That(console.Screen, Does.Not.Contain("├─"), "e again: a flat list");
    }

    [TestCase(true)]
    [TestCase(false)]
    public void Shift_F_keeps_the_followed_process_on_its_line_while_the_list_resorts(bool follow)
    {
        using var console = new ConsoleHarness(connection: new FakeConnection(Acting));
        Snapshot crowded = ConsoleSnapshots.Crowded(60);
        console.Connection.Publish(crowded);
        console.Press(Key.F4);
        ProcessesView view = console.Window.Processes;
        view.Table.Select(view.Table.Shown.ToList().FindIndex(p => p.Pid == 1020));
        if (follow)
        {
            console.Press(new Key('F'));
            Assert.That(view.BarText, Does.Contain("following 1020"));
        }

        int line = view.Table.Rows.SelectedIndex - view.Table.TopRow;

        // Another process becomes busy and moves above: pid 1020 moves one row down the order.
        console.Connection.Publish(crowded with { Processes = [.. crowded.Processes.Select(p => p.Pid == 1059 ? p with { CpuPercent = 5 } : p)] });
        Assert.That(view.Table.Selected!.Pid, Is.EqualTo(1020), "the selection stays on the process either way");
        int after = view.Table.Rows.SelectedIndex - view.Table.TopRow;
        Assert.That(after, follow ? Is.EqualTo(line) : Is.EqualTo(line + 1), follow ? "followed: the list moves under it" : "not followed: it moves down the screen");

        console.Press(Key.CursorDown);
        Assert.That(view.Table.Rows.Follow, Is.False, "moving by hand stops following");
    }

    [Test]
    public void A_followed_process_that_ends_is_reported_and_no_longer_followed()
    {
        using var console = new ConsoleHarness(connection: new FakeConnection(Acting));
        console.Press(Key.F4, new Key('F'));
        Snapshot busy = ConsoleSnapshots.Busy();
        console.Connection.Publish(busy with { Processes = [.. busy.Processes.Where(p => p.Pid != 101)] });

        Assert.That(console.Window.Processes.BarText, Does.StartWith("101 ended: no longer following it"));
        Assert.That(console.Window.Processes.Table.Rows.Follow, Is.False);
    }

    [Test]
    public void F8_raises_and_F7_lowers_the_nice_value_and_the_outcome_is_on_the_status_line()
    {
        using var console = new ConsoleHarness(connection: new FakeConnection(Acting));
        console.Press(Key.F4, Key.F8);
        Assert.That(console.Connection.Renices, Is.EqualTo(new[] { (101, 1) }));
        Assert.That(console.Screen, Does.Contain("101 (python3) now runs at nice 1"));

        console.Press(Key.F7);
        Assert.That(console.Connection.Renices[^1], Is.EqualTo((101, -1)), "from the snapshot's nice 0, one lower");
    }

    [Test]
    public void F8_renices_every_tagged_process_and_a_refusal_shows_the_kernels_word()
    {
        var connection = new FakeConnection(Acting);
        connection.Forbidden.Add(201);
        using var console = new ConsoleHarness(connection: connection);
        console.Press(Key.F4, Key.Space, Key.Space, Key.Space, Key.F8);

        Assert.That(connection.Renices.Select(r => r.Pid), Is.EquivalentTo(new[] { 101, 102, 201 }));
        Assert.That(console.Window.Processes.BarText, Does.StartWith("nice +1: 2 of 3 done; 201 (postgres): not permitted"));
    }

    [Test]
    public void A_read_only_console_refuses_F9_F7_and_F8()
    {
        var connection = new FakeConnection(Acting);
        connection.Publish(ConsoleSnapshots.Busy());
        using var app = new ConsoleHarness(connection: connection, readOnly: true);
        app.Press(Key.F4, Key.F9);
        Assert.That(app.Window.Processes.BarText, Does.StartWith(ProcessCommands.ReadOnlyNotice));
        app.Press(Key.F8, Key.F7);

        Assert.That(connection.Signals, Is.Empty);
        Assert.That(connection.Renices, Is.Empty);
        Assert.That(app.Screen, Does.Not.Contain("Send a signal"));
    }

    [Test]
    public void A_connection_that_does_not_act_says_so()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F4, Key.F8);
        Assert.That(console.Connection.Renices, Is.Empty);
        Assert.That(console.Window.Processes.BarText, Does.StartWith("this connection does not act on processes"));
    }

    [TestCase('H', "Keys and colours")]
    [TestCase('F', "Disconnect")]
    [TestCase('V', "Dashboard")]
    [TestCase('A', "Show resolved")]
    public void A_capital_letter_never_opens_a_menu(char letter, string item)
    {
        using var console = new ConsoleHarness();
        console.Press(new Key(letter));
        Assert.That(console.Screen, Does.Not.Contain(item));
        Assert.That(console.App.Popovers?.GetActivePopover(), Is.Null);
    }

    [Test]
    public void The_nice_column_is_shown_and_the_optional_columns_come_and_go()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F4);
        Assert.That(console.Screen, Does.Contain(" NI ").And.Not.Contain("TIME+"));

        console.Window.Processes.ToggleColumn(SysMedic.Tui.Views.Tables.ProcessColumnChoice.CpuTime | SysMedic.Tui.Views.Tables.ProcessColumnChoice.Priority | SysMedic.Tui.Views.Tables.ProcessColumnChoice.Virtual);
        Assert.That(console.Screen, Does.Contain("TIME+").And.Contain("PRI").And.Contain("VIRT"));
        Assert.That(console.Window.Processes.Table.SortHeader, Is.EqualTo("CPU%"), "the sort stays on its column");
    }

    [Test]
    [CancelAfter(30000)]
    public void F9_Enter_Enter_sends_TERM_to_the_selected_process_after_a_confirmation_that_names_it()
    {
        using var run = new ScriptedRun(connection: new FakeConnection(Acting));
        string menu = "";
        string confirm = "";
        string after = "";
        run.Then(() => run.App.InjectKey(Key.F4))
            .Then(() => run.App.InjectKey(Key.F9))
            .Then(() => menu = run.Screen())
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => confirm = run.Screen())
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => after = run.Screen())
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.Multiple(() =>
        {
            Assert.That(menu, Does.Contain("Send a signal").And.Contain("15 SIGTERM").And.Contain(" 9 SIGKILL").And.Contain("SIGUSR2"));
            Assert.That(confirm, Does.Contain("Send SIGTERM to 101 (python3) of alice: python3 train.py?"));
            Assert.That(run.Connection.Signals, Is.EqualTo(new[] { (101, "TERM") }));
            Assert.That(after, Does.Contain("sent SIGTERM to 101 (python3)"));
            Assert.That(run.StoppedByHarness, Is.False);
        });
    }

    [Test]
    [CancelAfter(30000)]
    public void F9_Down_picks_KILL_and_Esc_on_the_confirmation_sends_nothing()
    {
        using var run = new ScriptedRun(connection: new FakeConnection(Acting));
        string confirm = "";
        run.Then(() => run.App.InjectKey(Key.F4))
            .Then(() => run.App.InjectKey(Key.F9))
            .Then(() => run.App.InjectKey(Key.CursorDown))
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => confirm = run.Screen())
            .Then(() => run.App.InjectKey(Key.Esc))
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.That(confirm, Does.Contain("Send SIGKILL to 101"));
        Assert.That(run.Connection.Signals, Is.Empty);
        Assert.That(run.StoppedByHarness, Is.False);
    }

    /// <summary>bash (103) with python3 (101) and sort (102) under it, make (104) under python3.</summary>
    internal static Snapshot Family()
    {
        Snapshot busy = ConsoleSnapshots.Busy();
        ProcessUsage[] processes =
        [
            .. busy.Processes.Select(p => p.Pid switch
            {
                101 or 102 => p with { Ppid = 103 },
                _ => p,
            }),
            new(104, 101, 1000, "alice", "make", 'S', 1.0, 0.5, 1000, 1, "make"),
        ];
        return busy with { Processes = processes };
    }
}

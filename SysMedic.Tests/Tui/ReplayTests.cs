using SysMedic.Core.Alerts;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Connection;
using SysMedic.Tui.Views;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace SysMedic.Tests.Tui;

/// <summary>The History screen's cursor and alert marks, and replay of a recorded moment on every screen.</summary>
[Parallelizable(ParallelScope.All)]
public class ReplayTests
{
    private static readonly DateTimeOffset T = ConsoleSnapshots.Time;

    private static FakeConnection Recording(ConnectionFeatures extra = ConnectionFeatures.None)
    {
        var connection = new FakeConnection(ConnectionFeatures.RecentHistory | ConnectionFeatures.Replay | extra);
        Snapshot then = ConsoleSnapshots.Busy(T.AddMinutes(-5));
        ProcessUsage ended = new(4242, 1, 1000, "carol", "ghost-job", 'X', 88.0, 2.0, 1_000_000, 1, "./ghost-job --all-night");
        connection.Moments.Add(new RecordedMoment(T.AddMinutes(-6), TimeSpan.FromMinutes(1), 12, ConsoleSnapshots.Busy(T.AddMinutes(-6))));
        connection.Moments.Add(new RecordedMoment(T.AddMinutes(-5), TimeSpan.FromMinutes(1), 12, then with
        {
            Users = [.. then.Users, new UserUsage("dave", 1003, 88.0, 2.0, 1_000_000, 1, [4242])],
            Processes = [.. then.Processes, ended with { User = "dave" }],
        }));
        return connection;
    }

    [Test]
    public void Left_puts_the_cursor_on_the_newest_column_and_the_bar_says_its_figures()
    {
        using var console = new ConsoleHarness();
        console.Connection.Publish(ConsoleSnapshots.Busy(T.AddSeconds(2)));
        console.Press(Key.F5);
        Assert.That(console.Screen, Does.Contain("←/→ [ ] cursor  g go to a time"));

        console.Press(Key.CursorLeft);
        HistoryView history = console.Window.History;
        Assert.Multiple(() =>
        {
            Assert.That(history.CursorTime, Is.Not.Null);
            Assert.That(history.Cpu.Chart.CursorIndex, Is.EqualTo(history.Cpu.Chart.Values.Count - 1));
            Assert.That(console.Screen, Does.Contain("CPU 57.3% mem 41.2% load 1.25").And.Contain("Enter replay"));
        });

        console.Press(Key.CursorLeft, Key.CursorLeft);
        Assert.That(history.Cpu.Chart.CursorIndex, Is.EqualTo(history.Cpu.Chart.Values.Count - 3));
        Assert.That(console.Screen, Does.Contain("CPU - mem - load -"), "no point was taken that long ago");

        console.Press(Key.Esc);
        Assert.That(history.CursorTime, Is.Null);
        Assert.That(history.Cpu.Chart.CursorIndex, Is.Null);
    }

    [Test]
    public void Brackets_move_the_cursor_an_hour_and_stop_at_the_range()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F5, new Key('2'), Key.End);
        DateTimeOffset end = console.Window.History.CursorTime!.Value;

        console.Press(new Key('['));
        Assert.That(console.Window.History.CursorTime, Is.EqualTo(end - TimeSpan.FromHours(1)));

        console.Press(Enumerable.Repeat(new Key('['), 8).ToArray());
        Assert.That(console.Window.History.Cpu.Chart.CursorIndex, Is.Zero, "the 6 h range's first column");
    }

    [Test]
    public void Enter_replays_the_moment_on_every_screen_and_esc_goes_back_to_live()
    {
        using var console = new ConsoleHarness(connection: Recording());
        console.Press(Key.F5);
        console.Window.History.PlaceCursor(T.AddMinutes(-4).AddSeconds(-30));
        console.Press(Key.Enter);

        Assert.That(console.Window.Replaying?.At, Is.EqualTo(T.AddMinutes(-5)));
        string dashboard = console.Screen;
        Assert.Multiple(() =>
        {
            Assert.That(console.Window.Current, Is.EqualTo(Screen.Dashboard), "the dashboard's users and processes as they were");
            Assert.That(dashboard, Does.Contain("REPLAY 2026-03-14 11:55:00 ([ ] step, Esc: live)"));
            Assert.That(dashboard, Does.Contain("ghost-job").And.Contain("dave"));
        });
        console.Press(Key.F4);
        Assert.That(console.Screen, Does.Contain("ghost-job").And.Contain("4242"));

        // The live feed goes on underneath and does not replace the moment.
        console.Connection.Publish(ConsoleSnapshots.Busy(T.AddSeconds(4)) with { Processes = [] });
        Assert.That(console.Screen, Does.Contain("ghost-job"));
        console.Press(Key.F2);
        Assert.That(console.Screen, Does.Contain("dave"));

        // `[` steps to the check before, which had no ghost-job.
        console.Press(new Key('['));
        Assert.That(console.Window.Replaying?.At, Is.EqualTo(T.AddMinutes(-6)));
        Assert.That(console.Screen, Does.Contain("REPLAY 2026-03-14 11:54:00").And.Not.Contain("dave"));
        console.Press(new Key(']'));
        Assert.That(console.Window.Replaying?.At, Is.EqualTo(T.AddMinutes(-5)));
        console.Press(new Key(']'));
        Assert.That(console.Screen, Does.Contain("the newest recorded"));

        console.Press(Key.Esc);
        Assert.Multiple(() =>
        {
            Assert.That(console.Window.Replaying, Is.Null);
            Assert.That(console.Window.Current, Is.EqualTo(Screen.History));
            Assert.That(console.Screen, Does.Not.Contain("REPLAY"));
        });
        console.Press(Key.F4);
        Assert.That(console.Screen, Does.Not.Contain("ghost-job").And.Not.Contain("python3"), "live again: the newest snapshot has no processes");
    }

    [Test]
    public void P_also_leaves_replay_and_does_not_pause()
    {
        using var console = new ConsoleHarness(connection: Recording());
        console.Window.Replay(T);
        Assert.That(console.Window.Replaying, Is.Not.Null);

        console.Press(Key.P);
        Assert.That(console.Window.Replaying, Is.Null);
        Assert.That(console.Window.Paused, Is.False);
    }

    [Test]
    public void Replaying_before_the_first_moment_says_why_and_stays_live()
    {
        using var console = new ConsoleHarness(connection: Recording());
        console.Press(Key.F5);
        console.Window.Replay(T.AddMinutes(-30));

        Assert.That(console.Window.Replaying, Is.Null);
        Assert.That(console.Screen, Does.Contain("replay 11:30: nothing was recorded that early"));
    }

    [Test]
    public void Stepping_back_past_the_oldest_moment_keeps_it_and_says_so()
    {
        using var console = new ConsoleHarness(connection: Recording());
        console.Window.Replay(T.AddMinutes(-6));
        console.Press(new Key('['));

        Assert.That(console.Window.Replaying?.At, Is.EqualTo(T.AddMinutes(-6)));
        Assert.That(console.Screen, Does.Contain("REPLAY 2026-03-14 11:54:00, none earlier"));
    }

    [Test]
    public void A_connection_without_moments_says_so_instead_of_replaying()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F5, Key.CursorLeft, Key.Enter);

        Assert.That(console.Window.Replaying, Is.Null);
        Assert.That(console.Connection.MomentRequests, Is.Empty);
        Assert.That(console.Screen, Does.Contain("replay: this agent records no moments"));
    }

    [Test]
    public void Alerts_are_marked_on_the_chart_of_their_metric()
    {
        FakeConnection connection = Recording(ConnectionFeatures.Alerts);
        connection.Alerts.Add(new Alert(1, T.AddMinutes(-10), AlertType.System, AlertSeverity.High, "system:cpu", "CPU at 91.0% (threshold 80%)"));
        connection.Alerts.Add(new Alert(2, T.AddMinutes(-20), AlertType.User, AlertSeverity.Medium, "user:bob:memory", "bob memory at 61%") { ResolvedAt = T, ResolvedBy = "ops" });
        connection.Alerts.Add(new Alert(3, T.AddMinutes(-9), AlertType.Recovery, AlertSeverity.Low, "system:cpu", "CPU back to 40%"));
        connection.Alerts.Add(new Alert(4, T.AddHours(-3), AlertType.System, AlertSeverity.High, "system:cpu", "outside the hour"));
        using var console = new ConsoleHarness(connection: connection);
        console.Press(Key.F5);
        HistoryView history = console.Window.History;
        Assert.That(console.Settle(_ => history.Cpu.Chart.Marks.Count > 0), "the alerts arrive");

        int columns = history.Cpu.Chart.Values.Count;
        int ColumnOf(DateTimeOffset at) => (int)((at - (T - TimeSpan.FromHours(1))) / (TimeSpan.FromHours(1) / columns));
        Assert.Multiple(() =>
        {
            Assert.That(history.Cpu.Chart.Marks, Is.EquivalentTo(new[] { ColumnOf(T.AddMinutes(-10)) }), "the recovery and the older alert are not marked");
            Assert.That(history.Memory.Chart.Marks, Is.EquivalentTo(new[] { ColumnOf(T.AddMinutes(-20)) }), "resolved alerts are marked too");
            Assert.That(history.Load.Chart.Marks, Is.Empty);
            Assert.That(console.Screen, Does.Contain("▼"));
        });
    }

    [Test]
    public void The_dashboard_lists_the_alerts_raised_in_the_half_hour_before_the_replayed_moment()
    {
        Alert[] alerts =
        [
            new(1, T.AddMinutes(-10), AlertType.System, AlertSeverity.High, "system:cpu", "CPU at 91.0%") { ResolvedAt = T, ResolvedBy = "ops" },
            new(2, T.AddMinutes(-40), AlertType.System, AlertSeverity.High, "system:cpu", "too early"),
            new(3, T.AddMinutes(-5), AlertType.Recovery, AlertSeverity.Low, "system:cpu", "CPU back"),
            new(4, T.AddMinutes(1), AlertType.User, AlertSeverity.High, "user:bob:cpu", "too late"),
        ];

        string line = MainWindow.RaisedBefore(alerts, T);
        Assert.That(line, Does.Contain("(1)").And.Contain("CPU at 91.0% (resolved)"));
        Assert.That(line, Does.Not.Contain("too early").And.Not.Contain("too late").And.Not.Contain("CPU back"));
        Assert.That(MainWindow.RaisedBefore([], T), Does.EndWith(": none"));
    }

    [Test]
    public void G_asks_for_a_time_refuses_what_it_cannot_read_and_replays_what_it_can()
    {
        using var run = new ScriptedRun(connection: Recording());
        string refused = "";
        run.Then(() => run.App.InjectKey(Key.F5))
            .Then(() => run.App.InjectKey(new Key('g')))
            .Then(() => Type(run, "yesterday-ish"))
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => { })
            .Then(() => refused = run.Screen())
            .Then(() => Type(run, new string('\b', "yesterday-ish".Length)))
            .Then(() => Type(run, "2026-03-14T11:55:30Z"))
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.Multiple(() =>
        {
            Assert.That(refused, Does.Contain("Replay the moment at").And.Contain("\"yesterday-ish\""));
            Assert.That(run.Window.Replaying?.At, Is.EqualTo(T.AddMinutes(-5)));
            Assert.That(run.Connection.MomentRequests, Is.EqualTo(new[] { new DateTimeOffset(2026, 3, 14, 11, 55, 30, TimeSpan.Zero) }));
        });
    }

    private static void Type(ScriptedRun run, string text)
    {
        foreach (char c in text)
        {
            run.App.InjectKey(c == '\b' ? Key.Backspace : new Key(c));
        }
    }
}

using SysMedic.Core.Alerts;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Commands;
using SysMedic.Tui.Connection;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;
using Color = Terminal.Gui.Drawing.Color;

namespace SysMedic.Tests.Tui;

/// <summary>F3 on a connection with alerts: the list, its colours, the details, the resolution form and pushes.</summary>
[Parallelizable(ParallelScope.All)]
public class AlertsScreenTests
{
    private static readonly DateTimeOffset T = ConsoleSnapshots.Time;

    private static FakeConnection WithAlerts()
    {
        var connection = new FakeConnection(ConnectionFeatures.StoredHistory | ConnectionFeatures.Alerts);
        connection.Alerts.Add(new Alert(1, T.AddMinutes(-30), AlertType.User, AlertSeverity.Medium, "user:bob:cpu", "bob uses 55.0% CPU (threshold 50%)")
        {
            PrimaryCause = "bob",
            UserDetails = "bob: CPU 55.0%\n    pid 201 postgres",
            SystemCpuPercent = 61,
            SystemMemoryPercent = 40,
            DurationMinutes = 12,
        });
        connection.Alerts.Add(new Alert(2, T.AddMinutes(-5), AlertType.System, AlertSeverity.Critical, "system:cpu", "memory at 97.0% (threshold 80%)"));
        connection.Alerts.Add(new Alert(3, T.AddMinutes(-1), AlertType.Recovery, AlertSeverity.Low, "system:disk", "disk back to 70%", ResolvedAt: T, ResolvedBy: "ops", ResolutionNote: "cleaned /tmp"));
        return connection;
    }

    [Test]
    public void Alerts_screen_lists_unresolved_alerts_newest_first_with_the_details_of_the_selected_one()
    {
        using var console = new ConsoleHarness(connection: WithAlerts());
        console.Press(Key.F3);
        string screen = console.Screen;

        Assert.Multiple(() =>
        {
            Assert.That(console.Window.Alerts.Table.Shown.Select(a => a.Id), Is.EqualTo(new long[] { 2, 1 }), "unresolved only, newest first");
            Assert.That(screen, Does.Contain("2 unresolved, by STATUS"));
            Assert.That(screen, Does.Not.Contain("disk back to 70%"));
            Assert.That(console.Window.Alerts.DetailsText, Does.Contain("Alert 2  critical  system"));
            Assert.That(console.Window.Alerts.DetailsText, Does.Contain("Unresolved - Enter to resolve"));
        });

        console.Press(Key.CursorDown);
        Assert.That(console.Window.Alerts.DetailsText, Does.Contain("Cause: bob").And.Contain("pid 201 postgres").And.Contain("lasted 12 min"));
    }

    [Test]
    public void Alerts_answered_later_reach_the_dashboard_and_the_alerts_screen_when_the_snapshot_came_first()
    {
        FakeConnection connection = WithAlerts();
        connection = new FakeConnection(connection.Features) { AnswerAlertsLater = true };
        connection.Alerts.AddRange(WithAlerts().Alerts);
        using var console = new ConsoleHarness(connection: connection, snapshotFirst: true);

        Assert.That(console.Settle(s => s.Contains("Alerts (2 unresolved, F3)", StringComparison.Ordinal)), Is.True, console.Screen);
        console.Press(Key.F3);
        Assert.That(console.Settle(s => s.Contains("2 unresolved, by STATUS", StringComparison.Ordinal)), Is.True, console.Screen);
    }

    [Test]
    public void Severity_is_drawn_in_its_colour()
    {
        using var console = new ConsoleHarness(connection: WithAlerts());
        console.Press(Key.F3);
        console.Press(Key.CursorDown);
        string[] lines = console.Screen.Split('\n');
        int row = Array.FindIndex(lines, l => l.Contains("memory at 97.0%", StringComparison.Ordinal));
        Assert.That(row, Is.GreaterThanOrEqualTo(0), string.Join('\n', lines));
        int col = lines[row].IndexOf("critical", StringComparison.Ordinal);

        Color red = Color.BrightRed;
        Assert.That(console.App.Driver!.Contents![row, col].Attribute!.Value.Foreground, Is.EqualTo(red));
    }

    [Test]
    public void A_shows_and_hides_resolved_alerts_after_the_unresolved_ones()
    {
        using var console = new ConsoleHarness(connection: WithAlerts());
        console.Press(Key.F3);
        console.Press(Key.A);

        Assert.That(console.Window.Alerts.Table.Shown.Select(a => a.Id), Is.EqualTo(new long[] { 2, 1, 3 }));
        Assert.That(console.Screen, Does.Contain("2 unresolved, 1 resolved").And.Contain("disk back to 70%"));

        console.Press(Key.A);
        Assert.That(console.Window.Alerts.Table.Shown.Select(a => a.Id), Is.EqualTo(new long[] { 2, 1 }));
    }

    [Test]
    [CancelAfter(30000)]
    public void Enter_opens_the_resolution_form_and_resolve_sends_the_note_and_the_login_name()
    {
        using var run = new ScriptedRun(connection: WithAlerts());
        string form = "";
        string after = "";
        run.Then(() => run.App.InjectKey(Key.F3))
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => form = run.Screen())
            .Then(() =>
            {
                foreach (char c in "swap added")
                {
                    run.App.InjectKey(new Key(c));
                }
            })
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => after = run.Screen())
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.Multiple(() =>
        {
            Assert.That(form, Does.Contain("Resolve alert 2").And.Contain("Note:").And.Contain("Resolved by: " + AlertsCommand.LoginName()));
            Assert.That(run.Connection.Resolutions, Is.EqualTo(new[] { (2L, "swap added", AlertsCommand.LoginName()) }));
            Assert.That(after, Does.Not.Contain("Resolve alert 2"));
            Assert.That(after, Does.Contain("alert 2 resolved by " + AlertsCommand.LoginName()));
            Assert.That(run.Window.Alerts.Table.Shown.Select(a => a.Id), Is.EqualTo(new long[] { 1 }), "the resolved alert leaves the list");
            Assert.That(run.Window.Dashboard.AlertsText, Does.Contain("1 unresolved"));
            Assert.That(run.StoppedByHarness, Is.False);
        });
    }

    [Test]
    public void A_list_answered_after_alerts_were_pushed_keeps_them_and_Enter_opens_the_form_at_once()
    {
        // The agent read its list (alert 5 only), then raised alerts 1 and 2 and pushed them, then the list arrived.
        var connection = new FakeConnection(ConnectionFeatures.StoredHistory | ConnectionFeatures.Alerts) { HoldAlertAnswers = true };
        connection.Alerts.Add(new Alert(5, T.AddMinutes(-10), AlertType.System, AlertSeverity.Low, "system:cpu", "CPU at 50.0%, approaching the 80% threshold"));
        using var console = new ConsoleHarness(connection: connection);
        connection.PushAlert(new Alert(1, T, AlertType.User, AlertSeverity.Medium, "user:bob:cpu", "root uses 45.8% CPU (threshold 5%)"));
        connection.PushAlert(new Alert(2, T.AddSeconds(1), AlertType.System, AlertSeverity.High, "system:cpu", "CPU at 91.0% (threshold 80%)"));
        Assert.That(connection.ReleaseAlertAnswers(), Is.EqualTo(1), "the console asked for the list at start");
        Assert.That(console.Settle(s => s.Contains("Alerts (3 unresolved, F3)", StringComparison.Ordinal)), Is.True, "the list adds alert 5 and keeps the pushed ones: " + console.Screen);

        // F3 asks again: the list read has alert 2 open and alert 6, whose push the console missed. Alert 2 is then
        // resolved elsewhere and pushed before the answer arrives.
        connection.Alerts.Add(new Alert(6, T.AddSeconds(2), AlertType.User, AlertSeverity.Medium, "user:bob:cpu", "bob uses 30.0% CPU (threshold 5%)"));
        console.Press(Key.F3);
        Assert.That(console.Window.Alerts.Table.Selected, Is.Not.Null, "Enter at once has an alert to resolve");
        connection.PushAlert(new Alert(2, T.AddSeconds(1), AlertType.System, AlertSeverity.High, "system:cpu", "CPU at 91.0% (threshold 80%)") { ResolvedAt = T.AddSeconds(3), ResolvedBy = "ops" });
        Assert.That(connection.ReleaseAlertAnswers(), Is.EqualTo(1));
        Assert.That(console.Settle(s => s.Contains("bob uses 30.0% CPU", StringComparison.Ordinal)), Is.True, console.Screen);
        Assert.That(console.Window.Alerts.Table.Shown.Select(a => a.Id), Is.EqualTo(new long[] { 6, 1, 5 }), "a list read before the resolution does not bring alert 2 back");
    }

    [Test]
    [CancelAfter(30000)]
    public void Esc_closes_the_resolution_form_without_resolving_and_the_console_keeps_running()
    {
        using var run = new ScriptedRun(connection: WithAlerts());
        string afterEsc = "";
        bool running = false;
        run.Then(() => run.App.InjectKey(Key.F3))
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => run.App.InjectKey(new Key('x')))
            .Then(() => run.App.InjectKey(Key.Esc))
            .Then(() =>
            {
                afterEsc = run.Screen();
                running = run.Window.IsRunning;
            })
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.Multiple(() =>
        {
            Assert.That(run.Connection.Resolutions, Is.Empty);
            Assert.That(afterEsc, Does.Not.Contain("Resolve alert 2"));
            Assert.That(running, Is.True, "Esc closed the form, not the console");
            Assert.That(run.StoppedByHarness, Is.False);
        });
    }

    [Test]
    [CancelAfter(30000)]
    public void Space_tags_alerts_and_Enter_resolves_every_tagged_one_with_one_note_and_says_how_each_went()
    {
        FakeConnection connection = WithAlerts();
        connection.Alerts.Add(new Alert(5, T.AddMinutes(-2), AlertType.User, AlertSeverity.Low, "user:carol:cpu", "carol uses 20% CPU"));
        using var run = new ScriptedRun(connection: connection);
        string tagged = "";
        string form = "";
        string after = "";
        run.Then(() => run.App.InjectKey(Key.F3))
            .Then(() =>
            {
                run.App.InjectKey(Key.Space);
                run.App.InjectKey(Key.Space);
            })
            .Then(() => tagged = run.Screen())
            .Then(() => connection.ResolveError = "alert 5 was already resolved by dave")
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => form = run.Screen())
            .Then(() =>
            {
                foreach (char c in "rebooted")
                {
                    run.App.InjectKey(new Key(c));
                }
            })
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => after = run.Screen())
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.Multiple(() =>
        {
            Assert.That(tagged, Does.Contain("*OPEN").And.Contain("2 tagged"));
            Assert.That(form, Does.Contain("Resolve 2 alerts").And.Contain("alerts 5, 2"), "in the order shown");
            Assert.That(run.Connection.Resolutions.Select(r => (r.Id, r.Note)), Is.EquivalentTo(new[] { (2L, "rebooted"), (5L, "rebooted") }), "one request per alert");
            Assert.That(after, Does.Contain("2: resolved").And.Contain("5: alert 5 was already resolved by dave"));
            Assert.That(run.Window.Alerts.Table.Rows.Tags.Count, Is.Zero);
            Assert.That(run.StoppedByHarness, Is.False);
        });
    }

    [Test]
    [CancelAfter(30000)]
    public void A_refused_resolution_shows_the_agents_error()
    {
        FakeConnection connection = WithAlerts();
        connection.ResolveError = "alert 2 was already resolved by ops";
        using var run = new ScriptedRun(connection: connection);
        string error = "";
        string after = "";
        run.Then(() => run.App.InjectKey(Key.F3))
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => error = run.Screen())
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => after = run.Screen())
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.Multiple(() =>
        {
            Assert.That(error, Does.Contain("alert 2 was already resolved by ops"));
            Assert.That(after, Does.Contain("not resolved: alert 2 was already resolved by ops"));
            Assert.That(run.Window.Alerts.Table.Shown.Select(a => a.Id), Does.Contain(2L));
            Assert.That(run.StoppedByHarness, Is.False);
        });
    }

    [Test]
    [CancelAfter(30000)]
    public void The_live_feed_keeps_coming_while_an_agents_later_refusal_is_on_screen()
    {
        FakeConnection connection = WithAlerts();
        connection.ResolveError = "alert 2 was already resolved by ops";
        connection.AnswerResolveLater = true;
        using var run = new ScriptedRun(connection: connection);
        string error = "";
        bool published = false;
        run.Then(() => run.App.InjectKey(Key.F3))
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(Pause).Then(Pause).Then(Pause)
            .Then(() => error = run.Screen())
            .Then(() =>
            {
                // A real connection hands snapshots over from its reading thread; the message box must not stop it.
                Snapshot next = ConsoleSnapshots.Busy(T.AddSeconds(2));
                published = Task.Run(() => run.Connection.Publish(next)).Wait(TimeSpan.FromSeconds(5));
            })
            .Then(() => run.App.InjectKey(Key.Enter))
            .Then(() => run.App.InjectKey(Key.Q));
        run.Run();

        Assert.Multiple(() =>
        {
            Assert.That(error, Does.Contain("alert 2 was already resolved by ops"), "the refusal is shown in a box");
            Assert.That(published, Is.True, "a snapshot from the reading thread was handed to the UI thread while the box was open");
            Assert.That(run.StoppedByHarness, Is.False);
        });
    }

    private static void Pause() => Thread.Sleep(50);

    [Test]
    public void An_alert_push_updates_the_alerts_screen_and_the_dashboard()
    {
        FakeConnection connection = WithAlerts();
        using var console = new ConsoleHarness(connection: connection);
        connection.PushAlert(new Alert(4, T, AlertType.PersistentUser, AlertSeverity.High, "persistent:alice:cpu", "alice over her CPU threshold for 30 min"));
        Assert.That(console.Screen, Does.Contain("Alerts (3 unresolved, F3): [high] 12:00 alice over her CPU threshold"));

        console.Press(Key.F3);
        connection.PushAlert(connection.Alerts[1] with { ResolvedAt = T, ResolvedBy = "carol" });
        string screen = console.Screen;

        Assert.That(console.Window.Alerts.Table.Shown.Select(a => a.Id), Is.EqualTo(new long[] { 4, 1 }));
        Assert.That(screen, Does.Contain("2 unresolved"));
    }

    [Test]
    public void Alerts_menu_offers_resolve_and_show_resolved_and_file_offers_connect()
    {
        using var console = new ConsoleHarness(connection: WithAlerts());
        console.Press(Key.A.WithAlt);
        string alertsMenu = console.Screen;
        console.Press(Key.Esc);
        console.Press(Key.F.WithAlt);
        string fileMenu = console.Screen;
        console.Press(Key.Esc);

        Assert.Multiple(() =>
        {
            Assert.That(alertsMenu, Does.Contain("Resolve...").And.Contain("Show resolved"));
            Assert.That(fileMenu, Does.Contain("Connect...").And.Contain("Disconnect").And.Contain("Quit"));
        });
    }
}

using SysMedic.Core.Sampling;
using Terminal.Gui.Input;

namespace SysMedic.Tests.Tui;

[Parallelizable(ParallelScope.All)]
public class TableKeysTests
{
    [Test]
    public void F2_shows_the_users_screen_sorted_by_cpu()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F2);

        Assert.That(console.Screen, Does.Contain("3 users, by CPU%"));
        Assert.That(console.Window.Users.Table.Shown.Select(u => u.Username), Is.EqualTo(new[] { "alice", "bob", "carol" }));
    }

    [Test]
    public void One_user_is_one_user()
    {
        using var console = new ConsoleHarness();
        Snapshot busy = ConsoleSnapshots.Busy(ConsoleSnapshots.Time.AddSeconds(2));
        console.Connection.Publish(busy with { Users = [busy.Users[0]] });
        console.Press(Key.F2);

        Assert.That(console.Screen, Does.Contain("1 user, by CPU").And.Not.Contain("1 users"));
    }

    [Test]
    public void With_no_users_shown_the_users_screen_says_system_accounts_are_hidden()
    {
        using var console = new ConsoleHarness();
        console.Connection.Publish(ConsoleSnapshots.Busy() with { Users = [] });
        console.Press(Key.F2);

        Assert.That(console.Screen, Does.Contain("0 users, by CPU% (system accounts are hidden)"));
        Assert.That(console.Window.Users.Table.Shown, Is.Empty);
    }

    [Test]
    public void Greater_than_sorts_users_by_the_next_column_and_r_reverses_it()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F2, new Key('>'));

        Assert.That(console.Screen, Does.Contain("by MEM%"));
        Assert.That(console.Window.Users.Table.Shown.Select(u => u.Username), Is.EqualTo(new[] { "bob", "alice", "carol" }));

        console.Press(Key.R);
        Assert.That(console.Window.Users.Table.Shown.Select(u => u.Username), Is.EqualTo(new[] { "carol", "alice", "bob" }));
    }

    [Test]
    public void Users_screen_marks_a_custom_threshold_and_says_persistence_needs_the_agent()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F2);
        string screen = console.Screen;

        Assert.That(screen, Does.Contain("cpu 50% mem 60% *"));
        Assert.That(screen, Does.Contain("needs the agent"));
    }

    [Test]
    public void Users_screen_shows_disk_rates_slice_pressure_and_where_the_cpu_figure_comes_from()
    {
        static SysMedic.Core.Sampling.PressureUsage Some(double percent) => new(0, 0, 0, percent, 0, 0, 0, 0, 0, 0);
        using var console = new ConsoleHarness();
        var busy = ConsoleSnapshots.Busy(ConsoleSnapshots.Time.AddSeconds(2));
        console.Connection.Publish(busy with
        {
            Users =
            [
                busy.Users[0] with { DiskReadBytesPerSec = 1024 * 1024, DiskWriteBytesPerSec = 2048, CpuFromSlice = true, Pressure = new(Some(12.4), Some(0), Some(3)) },
                .. busy.Users.Skip(1),
            ],
        });
        console.Press(Key.F2);
        string[] lines = console.Screen.Split('\n');
        string header = lines.Single(l => l.Contains("PERSISTENT SINCE", StringComparison.Ordinal));
        string alice = lines.Single(l => l.Contains("alice", StringComparison.Ordinal)).TrimEnd();
        string carol = lines.Single(l => l.Contains("carol", StringComparison.Ordinal));

        Assert.Multiple(() =>
        {
            Assert.That(header, Does.Contain("DISK/s").And.Contain("READ/s").And.Contain("WRITE/s").And.Contain("PSI c/m/i").And.Contain("CPU BY"));
            Assert.That(alice, Does.Contain("1.0 MiB/s").And.Contain("2.0 KiB/s").And.Contain("12/0/3").And.EndWith("slice"));
            Assert.That(carol, Does.Contain("procs"), "carol's figure is the sum of her processes");
            Assert.That(carol.Split(' ', StringSplitOptions.RemoveEmptyEntries).Count(w => w == "-"), Is.GreaterThanOrEqualTo(4), "no disk rates, no pressure, not persistent: said as -");
        });
    }

    [Test]
    public void Users_screen_shows_since_when_the_agent_counts_a_user_persistent()
    {
        var connection = new FakeConnection(SysMedic.Tui.Connection.ConnectionFeatures.StoredHistory | SysMedic.Tui.Connection.ConnectionFeatures.Alerts);
        connection.Persistent["alice"] = new DateTimeOffset(2026, 11, 26, 8, 5, 0, TimeSpan.Zero);
        using var console = new ConsoleHarness(connection: connection);
        console.Press(Key.F2);
        string[] lines = console.Screen.Split('\n');

        Assert.That(lines.Single(l => l.Contains("alice", StringComparison.Ordinal)), Does.Contain("11-26 08:05"));
        Assert.That(lines.Single(l => l.Contains("bob", StringComparison.Ordinal)), Does.Contain("mem 60% * -"));
        Assert.That(console.Screen, Does.Not.Contain("needs the agent"));
    }

    [Test]
    public void J_and_k_move_the_selection_like_the_arrows()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F2, Key.J, Key.J);
        Assert.That(console.Window.Users.Table.Selected?.Username, Is.EqualTo("carol"));

        console.Press(Key.K);
        Assert.That(console.Window.Users.Table.Selected?.Username, Is.EqualTo("bob"));
    }

    [Test]
    public void Selection_stays_on_the_same_user_when_a_new_snapshot_reorders_the_rows()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F2, Key.J);
        Assert.That(console.Window.Users.Table.Selected?.Username, Is.EqualTo("bob"));

        var next = ConsoleSnapshots.Busy(ConsoleSnapshots.Time.AddSeconds(2));
        next = next with { Users = [.. next.Users.Select(u => u.Username == "bob" ? u with { CpuPercent = 90 } : u)] };
        console.Connection.Publish(next);

        Assert.That(console.Window.Users.Table.Shown[0].Username, Is.EqualTo("bob"));
        Assert.That(console.Window.Users.Table.Selected?.Username, Is.EqualTo("bob"));
    }

    [Test]
    public void Slash_filters_processes_by_text_and_esc_clears_the_filter()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F4, new Key('/'));
        console.Type("post");
        console.Press(Key.Enter);

        Assert.That(console.Window.Processes.Table.Shown.Select(p => p.Pid), Is.EqualTo(new[] { 201 }));
        Assert.That(console.Screen, Does.Contain("1 of 7 processes"));
        Assert.That(console.Screen, Does.Not.Contain("python3"));

        console.Press(Key.Esc);
        Assert.That(console.Window.Processes.Table.Shown, Has.Count.EqualTo(7));
    }

    [Test]
    public void U_shows_only_the_selected_process_user_and_again_everyone()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F4, Key.U);

        Assert.That(console.Window.Processes.Table.Shown.Select(p => p.User).Distinct(), Is.EqualTo(new[] { "alice" }));
        Assert.That(console.Screen, Does.Contain("user alice"));

        console.Press(Key.U);
        Assert.That(console.Window.Processes.Table.Shown, Has.Count.EqualTo(7));
    }

    [Test]
    public void P_pauses_the_live_refresh_and_resumes_with_the_newest_snapshot()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.P);
        Assert.That(console.Screen, Does.Contain("PAUSED"));

        var next = ConsoleSnapshots.Busy(ConsoleSnapshots.Time.AddSeconds(2));
        console.Connection.Publish(next with { System = next.System with { CpuPercent = 99.9 }, Processes = [.. next.Processes.Take(2)] });
        Assert.That(console.Screen, Does.Contain("CPU 57.3%"));

        console.Press(Key.F4);
        Assert.That(console.Window.Processes.Table.Shown, Has.Count.EqualTo(7), "a screen first shown while paused shows the paused moment");

        console.Press(Key.F6, Key.P);
        Assert.That(console.Screen, Does.Contain("CPU 99.9%"));
        Assert.That(console.Window.Dashboard.Processes.Shown, Has.Count.EqualTo(2));
        Assert.That(console.Screen, Does.Not.Contain("PAUSED"));
    }

    [Test]
    public void Rows_with_equal_values_keep_one_order_across_refreshes()
    {
        using var console = new ConsoleHarness();
        console.Press(Key.F4);
        var next = ConsoleSnapshots.Busy(ConsoleSnapshots.Time.AddSeconds(2));
        console.Connection.Publish(next with { Processes = [.. next.Processes.Reverse()] });

        int[] pids = [.. console.Window.Processes.Table.Shown.Select(p => p.Pid)];
        Assert.That(Array.IndexOf(pids, 103), Is.LessThan(Array.IndexOf(pids, 301)), "bash (103) and vim (301) both use 2.5% CPU");
    }
}

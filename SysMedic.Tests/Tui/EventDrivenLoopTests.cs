using Microsoft.Extensions.Time.Testing;
using SysMedic.Core.Sampling;
using SysMedic.Tui.Bootstrap;
using SysMedic.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace SysMedic.Tests.Tui;

/// <summary>
/// The console's real main loop behind the gate, on the in-memory driver: snapshots arrive from another thread, as a
/// connection delivers them. Counts passes and draws, never times.
/// </summary>
[NonParallelizable]
public class EventDrivenLoopTests
{
    private const int Refreshes = 8;

    [Test]
    [CancelAfter(60_000)]
    public void An_idle_console_runs_a_handful_of_loop_passes_per_refresh_and_draws_every_snapshot()
    {
        var connection = new FakeConnection();
        connection.Publish(ConsoleSnapshots.Busy());
        using IApplication app = Application.Create();
        app.Init(DriverRegistry.Names.ANSI);
        app.Driver!.SetScreenSize(120, 40);
        // Past the brisk start-up: the console is idle from the first pass on. The cap is out of reach: only work wakes it.
        var time = new FakeTimeProvider();
        using var gate = new LoopGate(time, cap: TimeSpan.FromMinutes(10));
        time.Advance(LoopGate.BriskFor + TimeSpan.FromSeconds(1));
        using var window = new MainWindow(connection);
        int passes = 0;
        int draws = 0;
        var passesPerRefresh = new List<int>();
        using var drawn = new SemaphoreSlim(0);
        app.Iteration += (_, _) => passes++;
        app.LayoutAndDrawComplete += (_, _) =>
        {
            draws++;
            drawn.Release();
        };

        // The feed: one snapshot at a time, the next once the last is on screen, with the console left idle between.
        var feed = Task.Run(() =>
        {
            Assert.That(drawn.Wait(TimeSpan.FromSeconds(20)), Is.True, "the first frame");
            Thread.Sleep(300);
            for (int i = 1; i <= Refreshes; i++)
            {
                int before = Volatile.Read(ref passes);
                while (drawn.Wait(0))
                {
                }

                connection.Publish(Snapshot(i));
                Assert.That(drawn.Wait(TimeSpan.FromSeconds(20)), Is.True, $"snapshot {i} was drawn");
                Thread.Sleep(150);
                passesPerRefresh.Add(Volatile.Read(ref passes) - before);
            }

            app.Invoke(() => app.RequestStop());
        });

        using (new EventDrivenLoop(app, gate))
        {
            app.Run(window);
        }

        feed.GetAwaiter().GetResult();
        Assert.Multiple(() =>
        {
            Assert.That(app.Driver.ToString(), Does.Contain($"CPU {10 + Refreshes}.0%"), "the last snapshot is on screen");
            Assert.That(passesPerRefresh, Has.All.LessThanOrEqualTo(3), "passes per refresh: " + string.Join(", ", passesPerRefresh));
            Assert.That(draws, Is.GreaterThanOrEqualTo(Refreshes + 1));
            Assert.That(Application.MaximumIterationsPerSecond, Is.Not.EqualTo(ushort.MaxValue), "the loop's pace is restored");
        });
    }

    private static Snapshot Snapshot(int i)
    {
        Snapshot s = ConsoleSnapshots.Busy(ConsoleSnapshots.Time.AddSeconds(2 * i));
        return s with { System = s.System with { CpuPercent = 10 + i } };
    }
}

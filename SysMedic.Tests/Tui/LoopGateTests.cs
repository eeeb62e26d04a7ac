using Microsoft.Extensions.Time.Testing;
using SysMedic.Tui.Bootstrap;

namespace SysMedic.Tests.Tui;

[Parallelizable(ParallelScope.All)]
public class LoopGateTests
{
    private static readonly TimeSpan Cap = TimeSpan.FromSeconds(1);

    private static (LoopGate Gate, FakeTimeProvider Time) IdleGate()
    {
        var time = new FakeTimeProvider();
        var gate = new LoopGate(time, Cap);

        // Past the brisk start-up.
        time.Advance(LoopGate.BriskFor + TimeSpan.FromSeconds(1));
        return (gate, time);
    }

    [Test]
    public void With_nothing_to_do_a_pass_waits_for_the_cap()
    {
        (LoopGate gate, _) = IdleGate();
        using (gate)
        {
            Assert.That(gate.Plan(nextTimer: null, drawPending: false), Is.EqualTo(Cap));
            Assert.That(gate.Plan(nextTimer: null, drawPending: false), Is.EqualTo(Cap), "a wait that ran out with nothing done leaves no pass to spare");
        }
    }

    [Test]
    public void A_wake_lets_this_pass_and_the_next_run_at_once_then_the_loop_waits_again()
    {
        (LoopGate gate, _) = IdleGate();
        using (gate)
        {
            gate.Wake();

            Assert.That(gate.Plan(null, false), Is.EqualTo(TimeSpan.Zero), "the pass that runs the timers added");
            Assert.That(gate.Plan(null, false), Is.EqualTo(TimeSpan.Zero), "the pass that draws what they changed");
            Assert.That(gate.Plan(null, false), Is.EqualTo(Cap));
            Assert.That(gate.Passes, Is.EqualTo(3));
        }
    }

    [Test]
    public void A_pass_waits_only_until_the_next_timer_and_the_pass_after_it_runs_at_once()
    {
        (LoopGate gate, _) = IdleGate();
        using (gate)
        {
            Assert.That(gate.Plan(TimeSpan.FromMilliseconds(250), false), Is.EqualTo(TimeSpan.FromMilliseconds(251)), "rounded up past the due time");
            Assert.That(gate.Plan(TimeSpan.FromSeconds(5), false), Is.EqualTo(TimeSpan.Zero), "the timer ran at the end of the last pass: this one draws");
            Assert.That(gate.Plan(TimeSpan.FromSeconds(5), false), Is.EqualTo(Cap), "a timer later than the cap waits for the cap");
            Assert.That(gate.Plan(TimeSpan.Zero, false), Is.EqualTo(TimeSpan.Zero), "a timer already due");
        }
    }

    [Test]
    public void After_input_the_loop_is_brisk_for_two_seconds_then_waits_for_the_cap_again()
    {
        (LoopGate gate, FakeTimeProvider time) = IdleGate();
        using (gate)
        {
            gate.NoteInput();
            Assert.That(gate.Plan(null, false), Is.EqualTo(TimeSpan.Zero));
            Assert.That(gate.Plan(null, false), Is.EqualTo(TimeSpan.Zero));
            Assert.That(gate.Plan(null, false), Is.EqualTo(LoopGate.BriskWait), "Esc and double clicks are told apart by elapsed time");

            time.Advance(LoopGate.BriskFor);
            Assert.That(gate.Plan(null, false), Is.EqualTo(Cap));
        }
    }

    [Test]
    public void A_pending_draw_gets_one_pass_but_a_view_that_stays_invalid_does_not_spin_the_loop()
    {
        (LoopGate gate, _) = IdleGate();
        using (gate)
        {
            Assert.That(gate.Plan(null, drawPending: true), Is.EqualTo(TimeSpan.Zero));
            Assert.That(gate.Plan(null, drawPending: true), Is.EqualTo(Cap));
            Assert.That(gate.Plan(null, drawPending: true), Is.EqualTo(TimeSpan.Zero));
        }
    }

    [Test]
    public void A_wake_from_another_thread_ends_a_wait_for_the_cap()
    {
        var time = new FakeTimeProvider();
        var gate = new LoopGate(time, cap: TimeSpan.FromMinutes(10));
        time.Advance(LoopGate.BriskFor + TimeSpan.FromSeconds(1));
        using (gate)
        {
            using var started = new ManualResetEventSlim();
            Task pass = Task.Run(() =>
            {
                started.Set();
                gate.BeforePass(null, false);
            });

            Assert.That(started.Wait(TimeSpan.FromSeconds(30)), Is.True);
            gate.Wake();

            Assert.That(pass.Wait(TimeSpan.FromSeconds(30)), Is.True, "woken long before the ten-minute cap");
            Assert.That(gate.Plan(null, false), Is.EqualTo(TimeSpan.Zero), "the pass after a wake-up runs at once");
        }
    }
}

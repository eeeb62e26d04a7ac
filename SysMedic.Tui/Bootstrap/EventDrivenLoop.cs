using System.Runtime.InteropServices;
using Terminal.Gui.App;

namespace SysMedic.Tui.Bootstrap;

/// <summary>
/// Makes a Terminal.Gui application's main loop sleep until there is work, through its public API: the loop's own
/// fixed-rate sleep is turned off (<see cref="Application.MaximumIterationsPerSecond"/> at its maximum) and a
/// <see cref="LoopGate"/> waits in the <c>Iteration</c> event instead, woken by every timer or <c>Invoke</c> added,
/// by a resize (SIGWINCH) and by whoever calls <see cref="LoopGate.NoteInput"/> (the console's input). Disposing it
/// restores the loop as it was.
/// </summary>
public sealed class EventDrivenLoop : IDisposable
{
    private readonly IApplication _app;
    private readonly ushort _previousPace;
    private readonly PosixSignalRegistration? _resize;

    /// <summary>Puts <paramref name="gate"/> in front of every pass of <paramref name="app"/>'s loop (after <c>Init</c>).</summary>
    public EventDrivenLoop(IApplication app, LoopGate gate)
    {
        ArgumentNullException.ThrowIfNull(app);
        ArgumentNullException.ThrowIfNull(gate);
        _app = app;
        Gate = gate;
        _previousPace = Application.MaximumIterationsPerSecond;

        // 1000 / 65535 ms rounds to zero: the loop never sleeps by itself, the gate does.
        Application.MaximumIterationsPerSecond = ushort.MaxValue;
        _app.Iteration += OnIteration;
        if (_app.TimedEvents is { } timers)
        {
            timers.Added += OnTimerAdded;
        }

        try
        {
            _resize = PosixSignalRegistration.Create(PosixSignal.SIGWINCH, _ => Gate.Wake());
        }
        catch (PlatformNotSupportedException)
        {
            // The gate's cap still picks up a new size within two seconds.
        }
    }

    /// <summary>The gate in use (its counts say how many passes ran and how many waited).</summary>
    public LoopGate Gate { get; }

    public void Dispose()
    {
        _app.Iteration -= OnIteration;
        if (_app.TimedEvents is { } timers)
        {
            timers.Added -= OnTimerAdded;
        }

        _resize?.Dispose();
        Application.MaximumIterationsPerSecond = _previousPace;
    }

    // Raised under the timer list's lock: only a signal here.
    private void OnTimerAdded(object? sender, TimeoutEventArgs e) => Gate.Wake();

    private void OnIteration(object? sender, EventArgs e)
    {
        TimeSpan? next = _app.TimedEvents is TimedEvents timers && timers.CheckTimers(out int milliseconds)
            ? TimeSpan.FromMilliseconds(milliseconds)
            : null;
        bool drawPending = _app.TopRunnableView is { } top && (top.NeedsDraw || top.NeedsLayout);
        Gate.BeforePass(next, drawPending);
    }
}

namespace SysMedic.Tui.Bootstrap;

/// <summary>
/// Decides, at the start of each pass of the console's main loop, whether the pass runs at once or waits for work:
/// a wake-up (<see cref="Wake"/>: a timer or <c>Invoke</c> added, a resize), input (<see cref="NoteInput"/>), or the
/// next timer falling due; never longer than <see cref="Cap"/>. Terminal.Gui runs its timers at the end of a pass, so
/// whatever ended a wait gets this pass and one more, which draws what the timers changed. For
/// <see cref="BriskFor"/> after input it waits at most <see cref="BriskWait"/>, as Terminal.Gui releases a lone Esc
/// and tells a double click from two clicks by elapsed time. Wake-ups come from any thread; the rest is called on the
/// UI thread only.
/// </summary>
public sealed class LoopGate : IDisposable
{
    /// <summary>The longest wait when nothing is due (Terminal.Gui's own time-driven chores run at least this often).</summary>
    public static readonly TimeSpan DefaultCap = TimeSpan.FromSeconds(2);

    /// <summary>The longest wait while keys or clicks come: about 30 passes a second.</summary>
    public static readonly TimeSpan BriskWait = TimeSpan.FromMilliseconds(30);

    /// <summary>How long after the last input the brisk pace lasts.</summary>
    public static readonly TimeSpan BriskFor = TimeSpan.FromSeconds(2);

    private readonly ManualResetEventSlim _work = new(false);
    private readonly TimeProvider _time;
    private long _lastInput;
    private bool _freePass;
    private bool _skippedForDraw;
    private bool _waitingForTimer;

    /// <summary>A gate that waits at most <paramref name="cap"/> (default <see cref="DefaultCap"/>).</summary>
    public LoopGate(TimeProvider? time = null, TimeSpan? cap = null)
    {
        _time = time ?? TimeProvider.System;
        Cap = cap ?? DefaultCap;

        // The first passes are brisk: the terminal answers the start-up queries and the first frame is drawn.
        _lastInput = _time.GetTimestamp();
    }

    /// <summary>The longest wait.</summary>
    public TimeSpan Cap { get; }

    /// <summary>Passes the gate has let through.</summary>
    public long Passes { get; private set; }

    /// <summary>Passes that waited before running.</summary>
    public long Waits { get; private set; }

    /// <summary>True while input came less than <see cref="BriskFor"/> ago.</summary>
    public bool IsBrisk => _time.GetElapsedTime(Interlocked.Read(ref _lastInput)) < BriskFor;

    /// <summary>Work arrived (any thread): the pass waiting, or the next one, runs at once.</summary>
    public void Wake() => _work.Set();

    /// <summary>Input was queued (any thread): wakes the loop and keeps it brisk for <see cref="BriskFor"/>.</summary>
    public void NoteInput()
    {
        Interlocked.Exchange(ref _lastInput, _time.GetTimestamp());
        _work.Set();
    }

    /// <summary>
    /// How long the pass about to start may wait, given the time until the next timer (null: none) and whether a
    /// layout or draw is pending; zero lets it run at once. Also counts the pass and uses up a pending wake-up.
    /// </summary>
    public TimeSpan Plan(TimeSpan? nextTimer, bool drawPending)
    {
        Passes++;
        if (_work.IsSet)
        {
            // Everything signalled before this reset is handled by this pass (input, timers) or the free one after it.
            _work.Reset();
            _freePass = true;
            return TimeSpan.Zero;
        }

        if (_freePass)
        {
            _freePass = false;
            return TimeSpan.Zero;
        }

        // A pending draw gets one pass; a view that stays invalid must not spin the loop.
        if (drawPending && !_skippedForDraw)
        {
            _skippedForDraw = true;
            return TimeSpan.Zero;
        }

        _skippedForDraw = false;
        TimeSpan wait = IsBrisk && BriskWait < Cap ? BriskWait : Cap;
        _waitingForTimer = nextTimer is { } due && due < wait;
        if (_waitingForTimer)
        {
            // The timer list counts whole milliseconds, rounded down: one more, so the timer is due when we wake.
            wait = nextTimer!.Value <= TimeSpan.Zero ? TimeSpan.Zero : nextTimer.Value + TimeSpan.FromMilliseconds(1);
        }

        // A timer due runs at the end of this pass; the next one draws what it changed.
        _freePass = _waitingForTimer;
        return wait;
    }

    /// <summary>Runs on the UI thread before each pass: waits as <see cref="Plan"/> says, or until woken.</summary>
    public void BeforePass(TimeSpan? nextTimer, bool drawPending)
    {
        TimeSpan wait = Plan(nextTimer, drawPending);
        if (wait <= TimeSpan.Zero)
        {
            return;
        }

        Waits++;
        if (_work.Wait(wait))
        {
            // Work came: it is handled in this pass (input) or at its end (timers); the next pass draws it.
            _work.Reset();
            _freePass = true;
        }
    }

    public void Dispose() => _work.Dispose();
}

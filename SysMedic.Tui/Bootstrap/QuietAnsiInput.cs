using System.Diagnostics;
using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace SysMedic.Tui.Bootstrap;

/// <summary>
/// Terminal.Gui's ANSI input, waiting for the terminal in poll(2) instead of looking every 20 ms, and setting the
/// pace of the main loop: brisk while the user types or clicks, slow while nobody does. An idle console then wakes
/// about a dozen times a second instead of seventy-five, and a key still arrives at once (poll returns when it does).
/// </summary>
internal sealed partial class QuietAnsiInput : AnsiInput
{
    /// <summary>Main loop passes per second while keys or clicks come (Terminal.Gui's own default is 25).</summary>
    public const ushort ActivePace = 30;

    /// <summary>Main loop passes per second once nothing came for <see cref="ActiveFor"/>: a first key waits at most 100 ms.</summary>
    public const ushort IdlePace = 10;

    private const int WaitMilliseconds = 250;
    private const short PollIn = 0x001;
    private static readonly TimeSpan ActiveFor = TimeSpan.FromSeconds(3);
    private long _lastInput = Stopwatch.GetTimestamp();

    /// <summary>
    /// A Terminal.Gui application on this input. Terminal.Gui 2.5 has no public way to pass an input to
    /// <see cref="Application.Create"/>, so its component factory is set before <c>Init</c>; if a later version
    /// renames that field, the stock input is used and only the idle cost differs.
    /// </summary>
    public static IApplication CreateApplication()
    {
        IApplication app = Application.Create();
        try
        {
            ComponentFactory(app) = new AnsiComponentFactory(new QuietAnsiInput());

            // Brisk at first, for the first frame; idle once nobody typed for a while.
            Application.MaximumIterationsPerSecond = ActivePace;
        }
        catch (Exception ex) when (ex is MissingFieldException or TypeLoadException)
        {
            // The stock input and pace.
        }

        return app;
    }

    public override bool Peek()
    {
        if (base.Peek() || (Wait() && base.Peek()))
        {
            _lastInput = Stopwatch.GetTimestamp();
            Application.MaximumIterationsPerSecond = ActivePace;
            return true;
        }

        if (Application.MaximumIterationsPerSecond != IdlePace && Stopwatch.GetElapsedTime(_lastInput) > ActiveFor)
        {
            Application.MaximumIterationsPerSecond = IdlePace;
        }

        return false;
    }

    private static bool Wait()
    {
        var stdin = new PollFd { Fd = 0, Events = PollIn };
        return Poll(ref stdin, 1, WaitMilliseconds) > 0;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_componentFactory")]
    private static extern ref IComponentFactory? ComponentFactory([UnsafeAccessorType("Terminal.Gui.App.ApplicationImpl, Terminal.Gui")] object app);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeoutMilliseconds);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}

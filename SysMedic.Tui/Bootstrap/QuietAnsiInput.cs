using System.Runtime.CompilerServices;
using System.Runtime.InteropServices;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace SysMedic.Tui.Bootstrap;

/// <summary>
/// Terminal.Gui's ANSI input, waiting for the terminal in poll(2) instead of looking every 20 ms, and telling the
/// <see cref="LoopGate"/> as soon as input is queued, so the main loop can sleep until then. The wait also watches a
/// pipe that <see cref="Stop"/> writes to, so the input thread (which Terminal.Gui waits for at exit) ends at once.
/// </summary>
internal sealed partial class QuietAnsiInput : AnsiInput
{
    // Only a safety net: input and Stop end the wait at once.
    private const int WaitMilliseconds = 5000;
    private const short PollIn = 0x001;
    private const int CloseOnExec = 0x80000;
    private readonly LoopGate _gate;
    private readonly int[] _stopPipe = [-1, -1];
    private volatile bool _stopping;

    private QuietAnsiInput(LoopGate gate)
    {
        _gate = gate;
        if (Pipe2(_stopPipe, CloseOnExec) != 0)
        {
            _stopPipe[0] = _stopPipe[1] = -1;
        }
    }

    /// <summary>
    /// A Terminal.Gui application on this input, or null when it cannot be installed. Terminal.Gui 2.5 has no public
    /// way to pass an input to <see cref="Application.Create"/>, so its component factory is set before <c>Init</c>;
    /// if a later version renames that field, the caller keeps the stock input and loop.
    /// </summary>
    public static (IApplication App, QuietAnsiInput? Input) CreateApplication(LoopGate gate)
    {
        IApplication app = Application.Create();
        try
        {
            var input = new QuietAnsiInput(gate);
            ComponentFactory(app) = new AnsiComponentFactory(input);
            return (app, input);
        }
        catch (Exception ex) when (ex is MissingFieldException or TypeLoadException)
        {
            return (app, null);
        }
    }

    /// <summary>Ends the input thread's wait for good: from now on it only looks, so Terminal.Gui's shutdown is prompt.</summary>
    public void Stop()
    {
        _stopping = true;
        if (_stopPipe[1] >= 0)
        {
            byte one = 1;
            _ = Write(_stopPipe[1], ref one, 1);
        }
    }

    public override bool Peek() => base.Peek() || (!_stopping && Wait() && base.Peek());

    public override IEnumerable<char> Read()
    {
        foreach (char c in base.Read())
        {
            yield return c;
        }

        // Terminal.Gui queues each character as it is yielded: all of them are queued now.
        _gate.NoteInput();
    }

    public override void Dispose()
    {
        base.Dispose();
        foreach (int fd in _stopPipe)
        {
            if (fd >= 0)
            {
                _ = Close(fd);
            }
        }

        _stopPipe[0] = _stopPipe[1] = -1;
    }

    private bool Wait()
    {
        Span<PollFd> fds = [new PollFd { Fd = 0, Events = PollIn }, new PollFd { Fd = _stopPipe[0], Events = PollIn }];
        int count = _stopPipe[0] >= 0 ? 2 : 1;
        return Poll(ref MemoryMarshal.GetReference(fds), (nuint)count, WaitMilliseconds) > 0 && (fds[0].Revents & PollIn) != 0;
    }

    [UnsafeAccessor(UnsafeAccessorKind.Field, Name = "_componentFactory")]
    private static extern ref IComponentFactory? ComponentFactory([UnsafeAccessorType("Terminal.Gui.App.ApplicationImpl, Terminal.Gui")] object app);

    [LibraryImport("libc", EntryPoint = "poll", SetLastError = true)]
    private static partial int Poll(ref PollFd fds, nuint count, int timeoutMilliseconds);

    [LibraryImport("libc", EntryPoint = "pipe2", SetLastError = true)]
    private static partial int Pipe2([Out] int[] fds, int flags);

    [LibraryImport("libc", EntryPoint = "write", SetLastError = true)]
    private static partial nint Write(int fd, ref byte buffer, nuint count);

    [LibraryImport("libc", EntryPoint = "close", SetLastError = true)]
    private static partial int Close(int fd);

    [StructLayout(LayoutKind.Sequential)]
    private struct PollFd
    {
        public int Fd;
        public short Events;
        public short Revents;
    }
}

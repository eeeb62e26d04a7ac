using SysMedic.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;
using Terminal.Gui.Input;
using Terminal.Gui.Testing;

namespace SysMedic.Tests.Tui;

/// <summary>The console on the in-memory ANSI driver: press keys, read the screen.</summary>
internal sealed class ConsoleHarness : IDisposable
{
    private readonly SessionToken? _session;

    /// <summary>
    /// The console on <paramref name="connection"/>. With <paramref name="snapshotFirst"/> the connection has its first
    /// snapshot before the window exists, as the local and remote connections do (they wait for it).
    /// </summary>
    public ConsoleHarness(int cols = 120, int rows = 40, FakeConnection? connection = null, bool snapshotFirst = false, bool readOnly = false)
    {
        Connection = connection ?? new FakeConnection();
        App = Application.Create();
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(cols, rows);
        if (snapshotFirst)
        {
            Connection.Publish(ConsoleSnapshots.Busy());
        }

        Window = new MainWindow(Connection, readOnly: readOnly);
        _session = App.Begin(Window);
        if (!snapshotFirst)
        {
            Connection.Publish(ConsoleSnapshots.Busy());
        }

        Flush();
    }

    /// <summary>Lets work finishing on other threads reach the screen: polls until <paramref name="done"/> or 5 s (a bound, not a measurement).</summary>
    public bool Settle(Func<string, bool> done)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        while (clock.Elapsed < TimeSpan.FromSeconds(5))
        {
            if (done(Screen))
            {
                return true;
            }

            Thread.Sleep(20);
        }

        return done(Screen);
    }

    public IApplication App { get; }

    public FakeConnection Connection { get; }

    public MainWindow Window { get; }

    /// <summary>The screen as text, one padded line per row.</summary>
    public string Screen
    {
        get
        {
            Flush();
            return App.Driver!.ToString() ?? "";
        }
    }

    public void Press(params Key[] keys)
    {
        foreach (Key key in keys)
        {
            App.InjectKey(key);
            Flush();
        }
    }

    public void Type(string text)
    {
        foreach (char c in text)
        {
            Press(new Key(c));
        }
    }

    private void Flush()
    {
        App.TimedEvents!.RunTimers();
        App.LayoutAndDraw();
    }

    public void Dispose()
    {
        if (_session is not null)
        {
            App.End(_session);
        }

        Window.Dispose();
        App.Dispose();
    }
}

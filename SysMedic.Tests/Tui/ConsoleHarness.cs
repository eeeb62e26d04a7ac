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

    public ConsoleHarness(int cols = 120, int rows = 40, FakeConnection? connection = null)
    {
        Connection = connection ?? new FakeConnection();
        App = Application.Create();
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(cols, rows);
        Window = new MainWindow(Connection);
        _session = App.Begin(Window);
        Connection.Publish(ConsoleSnapshots.Busy());
        Flush();
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

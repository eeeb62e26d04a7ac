using SysMedic.Tui.Views;
using Terminal.Gui.App;
using Terminal.Gui.Drivers;

namespace SysMedic.Tests.Tui;

/// <summary>
/// Runs the console's real main loop and performs one scripted step per iteration, so modal dialogs (which run a
/// nested loop) can be driven too. A script that never stops the app is stopped after its last step and reported.
/// </summary>
internal sealed class ScriptedRun : IDisposable
{
    private readonly List<Action> _steps = [];

    public ScriptedRun(int cols = 120, int rows = 40, FakeConnection? connection = null, Func<FakeConnection, MainWindow>? window = null)
    {
        Connection = connection ?? new FakeConnection();
        Connection.Publish(ConsoleSnapshots.Busy());
        App = Application.Create();
        App.Init(DriverRegistry.Names.ANSI);
        App.Driver!.SetScreenSize(cols, rows);
        Window = window?.Invoke(Connection) ?? new MainWindow(Connection);
    }

    public IApplication App { get; }

    public FakeConnection Connection { get; }

    public MainWindow Window { get; }

    /// <summary>True when the script ran out of steps and the harness had to stop the app.</summary>
    public bool StoppedByHarness { get; private set; }

    /// <summary>The screen text now.</summary>
    public string Screen()
    {
        App.LayoutAndDraw();
        return App.Driver!.ToString() ?? "";
    }

    public ScriptedRun Then(Action step)
    {
        _steps.Add(step);
        return this;
    }

    /// <summary>Runs the loop until the app stops.</summary>
    public void Run()
    {
        int step = 0;
        void OnIteration(object? sender, EventArgs e)
        {
            // Every other iteration, so the previous step's effects are drawn before the next one looks.
            int index = step++;
            if (index % 2 == 1)
            {
                return;
            }

            index /= 2;
            if (index < _steps.Count)
            {
                _steps[index]();
            }
            else if (index > _steps.Count + 5)
            {
                StoppedByHarness = true;
                App.RequestStop();
            }
        }

        App.Iteration += OnIteration;
        try
        {
            App.Run(Window);
        }
        finally
        {
            App.Iteration -= OnIteration;
        }
    }

    public void Dispose()
    {
        Window.Dispose();
        App.Dispose();
    }
}

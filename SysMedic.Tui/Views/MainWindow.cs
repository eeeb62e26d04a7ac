using SysMedic.Tui.Connection;
using Terminal.Gui.Drawing;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// The console: menu bar, header, one screen at a time (dashboard, users, processes, alerts, history) and the status
/// bar. It reads only the connection; snapshots from other threads reach it through <c>IApplication.Invoke</c>.
/// </summary>
public sealed partial class MainWindow : Window
{
    private readonly ISysMedicConnection _connection;
    private readonly Dictionary<Screen, View> _screens;

    public MainWindow(ISysMedicConnection connection, IReadOnlyList<ConsoleTheme>? themes = null, bool readOnly = false)
    {
        ReadOnly = readOnly;
        _connection = connection;
        Title = "sysmedic";
        BorderStyle = LineStyle.None;
        Themes = themes is { Count: > 0 } ? themes : [ConsoleTheme.Dark, ConsoleTheme.Light];
        Theme = Themes[0];
        SetScheme(Theme.ToScheme());

        MenuBar menu = BuildMenu();
        Header = new HeaderView(connection) { X = 0, Y = Pos.Bottom(menu), Width = Dim.Fill() };
        Dashboard = new DashboardView(connection);
        Users = new UsersView(connection);
        Processes = new ProcessesView();
        ProcessCommands = new ProcessCommands(Processes, connection, () => ReadOnly, () => Theme);
        Alerts = new AlertsView(connection);
        Alerts.ResolveRequested += (_, alert) => OpenResolve(alert);
        Alerts.ResolveTaggedRequested += (_, _) => ResolveTagged();
        Alerts.ShowResolvedChanged += (_, _) => RefreshAlerts(force: true);
        History = new HistoryView(connection);
        History.RangeChanged += (_, _) => LoadHistoryScreen(force: true);
        History.ReplayRequested += (_, at) => Replay(at);
        History.GoToRequested += (_, _) => OpenGoTo();
        FleetScreen = new FleetView();
        FleetScreen.HostOpened += (_, row) => OpenFleetHost(row);
        FleetScreen.AlertsRequested += (_, _) => OpenFleetAlerts();
        FleetAlerts = new FleetAlertsView();
        FleetAlerts.ResolveRequested += (_, alert) => OpenFleetResolve(alert);
        _screens = new Dictionary<Screen, View>
        {
            [Screen.Dashboard] = Dashboard,
            [Screen.Users] = Users,
            [Screen.Processes] = Processes,
            [Screen.Alerts] = Alerts,
            [Screen.History] = History,
            [Screen.Fleet] = FleetScreen,
            [Screen.FleetAlerts] = FleetAlerts,
        };
        Add(menu, Header);
        foreach (View screen in _screens.Values)
        {
            screen.X = 0;
            screen.Y = Pos.Bottom(Header);
            screen.Width = Dim.Fill();
            screen.Height = Dim.Fill(1);
            screen.Visible = false;
            Add(screen);
        }

        Add(BuildStatusBar());
        Dashboard.UserOpened += (_, user) => OpenUser(user);
        Users.UserOpened += (_, user) => OpenUser(user);
        Dashboard.SetChartColours(Theme);
        ShowScreen(Screen.Dashboard);
        _connection.SnapshotReceived += OnSnapshotReceived;
        _connection.StateChanged += OnStateChanged;
        _connection.AlertChanged += OnAlertChanged;
        if (_connection is ConnectionSwitch connections)
        {
            connections.Switched += OnSwitched;
        }

        if (_connection.Latest is { } latest)
        {
            Apply(latest);
        }
    }

    /// <summary>The themes <c>t</c> cycles through; the first is used at start.</summary>
    public IReadOnlyList<ConsoleTheme> Themes { get; }

    /// <summary>The colours in use.</summary>
    public ConsoleTheme Theme { get; private set; }

    /// <summary>The screen shown now.</summary>
    public Screen Current { get; private set; }

    /// <summary>A read-only console (<c>--readonly</c>, <c>console.readonly</c>): no signal, renice or resolve.</summary>
    public bool ReadOnly { get; }

    /// <summary>Signal and renice on the Processes screen.</summary>
    public ProcessCommands ProcessCommands { get; }

    /// <summary>True while the live refresh is paused (<c>p</c>).</summary>
    public bool Paused { get; private set; }

    public HeaderView Header { get; }

    public DashboardView Dashboard { get; }

    public UsersView Users { get; }

    public ProcessesView Processes { get; }

    public AlertsView Alerts { get; }

    public HistoryView History { get; }

    /// <summary>The fleet's hosts (<c>--fleet</c>, File &gt; Fleet).</summary>
    public FleetView FleetScreen { get; }

    /// <summary>The fleet's unresolved alerts.</summary>
    public FleetAlertsView FleetAlerts { get; }

    /// <summary>Shows <paramref name="screen"/> and gives it the keyboard.</summary>
    public void ShowScreen(Screen screen)
    {
        Current = screen;
        QuietHome(IsFleetScreen(screen));
        foreach ((Screen key, View view) in _screens)
        {
            view.Visible = key == screen;
        }

        if (screen == Screen.Alerts)
        {
            RefreshAlerts(force: true);
        }

        if (screen == Screen.Fleet)
        {
            RefreshFleet();
        }

        // While paused or replaying a newly shown screen shows the same moment as the rest, not the newest data.
        if ((Frozen ? _displayed : _connection.Latest) is { } snapshot)
        {
            ApplyToScreen(snapshot);
        }

        View target = screen switch
        {
            Screen.Dashboard => Dashboard.Users,
            Screen.Users => Users.Table,
            Screen.Processes => Processes.Table,
            Screen.Alerts => Alerts.Table,
            Screen.Fleet => FleetScreen.Table,
            Screen.FleetAlerts => FleetAlerts.Table,
            _ => _screens[screen],
        };
        target.SetFocus();
    }

    /// <summary>Switches to the next theme (dark, light, then any others).</summary>
    public void ToggleTheme()
    {
        int index = Themes.ToList().IndexOf(Theme);
        Theme = Themes[(index + 1) % Themes.Count];
        SetScheme(Theme.ToScheme());
        Dashboard.SetChartColours(Theme);
        SetNeedsDraw();
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            _connection.SnapshotReceived -= OnSnapshotReceived;
            _connection.StateChanged -= OnStateChanged;
            _connection.AlertChanged -= OnAlertChanged;
            if (_connection is ConnectionSwitch connections)
            {
                connections.Switched -= OnSwitched;
            }

            _fleet?.Dispose();
        }

        base.Dispose(disposing);
    }
}

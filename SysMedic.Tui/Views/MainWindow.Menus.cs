using Terminal.Gui.Input;
using Terminal.Gui.ViewBase;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>The menu bar and the status bar with the F-key shortcuts.</summary>
public sealed partial class MainWindow
{
    private MenuBar BuildMenu()
    {
        var menu = new MenuBar();
        menu.Add(new MenuBarItem("_File", new View[]
        {
            new MenuItem { Title = "_Connect...", HelpText = "a remote agent", Action = Later(OpenConnect) },
            new MenuItem { Title = "_Disconnect", HelpText = "back to this host", Action = Disconnect },
            new MenuItem
            {
                Title = "_Fleet",
                HelpText = "every host of hosts.yaml",
                SubMenu = new Menu(new View[]
                {
                    new MenuItem { Title = "_Show", HelpText = "the hosts", Action = OpenFleet },
                    new MenuItem { Title = "A_lerts", HelpText = "of every host", Action = OpenFleetAlerts },
                    new MenuItem { Title = "_Add host...", HelpText = "to hosts.yaml", Action = Later(OpenAddHost) },
                    new MenuItem { Title = "_Remove host", HelpText = "the selected one", Action = Later(RemoveSelectedHost) },
                }),
            },
            new Line(),
            new MenuItem { Title = "_Pause / resume", Key = Key.P, Action = TogglePause },
            new Line(),
            new MenuItem { Title = "_Quit", Key = Key.F10, Action = () => App?.RequestStop() },
        }));
        menu.Add(new MenuBarItem("_View", new View[]
        {
            new MenuItem { Title = "_Dashboard", Key = Key.F6, Action = () => ShowScreen(Screen.Dashboard) },
            new MenuItem { Title = "_Users", Key = Key.F2, Action = () => ShowScreen(Screen.Users) },
            new MenuItem { Title = "_Processes", Key = Key.F4, Action = () => ShowScreen(Screen.Processes) },
            new MenuItem { Title = "_Alerts", Key = Key.F3, Action = () => ShowScreen(Screen.Alerts) },
            new MenuItem { Title = "_History", Key = Key.F5, Action = () => ShowScreen(Screen.History) },
            new Line(),
            Column("P_RI column", Tables.ProcessColumnChoice.Priority),
            Column("V_IRT column", Tables.ProcessColumnChoice.Virtual),
            Column("TI_ME+ column", Tables.ProcessColumnChoice.CpuTime),
            Column("Dis_k I/O columns", Tables.ProcessColumnChoice.DiskIo),
            Column("C_GROUP column", Tables.ProcessColumnChoice.Cgroup),
            new Line(),
            new MenuItem { Title = "_Theme dark / light", Key = Key.T, Action = ToggleTheme },
        }));
        menu.Add(new MenuBarItem("_Alerts", new View[]
        {
            new MenuItem { Title = "_Resolve...", HelpText = "the selected alert", Action = Later(ResolveSelected) },
            new MenuItem { Title = "_Show resolved", HelpText = "a", Action = ToggleResolved },
        }));
        menu.Add(new MenuBarItem("_Help", new View[]
        {
            new MenuItem { Title = "_Keys and colours", Key = Key.F1, Action = Later(OpenHelp) },
        }));
        return menu;
    }

    // A dialog opened from a menu runs once the menu has finished with its key: run inside the menu's command, the
    // Enter that submits the dialog's form went to the menu too and closed the dialog whatever the form held.
    private Action Later(Action open) => () => ShowModalLater(open);

    // A Processes column shown or hidden from the View menu, on the Processes screen.
    private MenuItem Column(string title, Tables.ProcessColumnChoice column) => new()
    {
        Title = title,
        HelpText = "Processes",
        Action = () =>
        {
            ShowScreen(Screen.Processes);
            Processes.ToggleColumn(column);
        },
    };

    private StatusBar BuildStatusBar()
    {
        var bar = new StatusBar();
        bar.Add(
            new Shortcut(Key.F1, "Help", OpenHelp),
            new Shortcut(Key.F2, "Users", () => ShowScreen(Screen.Users)),
            new Shortcut(Key.F3, "Alerts", () => ShowScreen(Screen.Alerts)),
            new Shortcut(Key.F4, "Procs", () => ShowScreen(Screen.Processes)),
            new Shortcut(Key.F5, "History", () => ShowScreen(Screen.History)),
            new Shortcut(Key.F6, "Home", () => ShowScreen(Screen.Dashboard)),
            new Shortcut(Key.F10, "Quit", () => App?.RequestStop()));
        return bar;
    }
}

using Terminal.Gui.App;
using Terminal.Gui.Input;
using Terminal.Gui.Views;

namespace SysMedic.Tui.Views;

/// <summary>
/// Application-wide keys. They are seen before the focused view, but only while the main window is on top, so a
/// dialog keeps its own keys (Esc closes it) and a text field keeps its letters.
/// </summary>
public sealed partial class MainWindow
{
    private IApplication? _keyboardOwner;
    private readonly Queue<Action> _modalsLater = new();

    protected override void OnIsRunningChanged(bool newIsRunning)
    {
        base.OnIsRunningChanged(newIsRunning);
        if (newIsRunning && App is { } app && _keyboardOwner is null)
        {
            _keyboardOwner = app;
            app.Keyboard.KeyDown += OnApplicationKeyDown;
            app.Iteration += RunModalsLater;
            LoadChartHistory();
            RefreshAlerts(force: true);
            if (_fleet is not null)
            {
                StartFleetTimer();
            }
        }
        else if (!newIsRunning && _keyboardOwner is not null)
        {
            _keyboardOwner.Keyboard.KeyDown -= OnApplicationKeyDown;
            _keyboardOwner.Iteration -= RunModalsLater;
            _keyboardOwner = null;
        }
    }

    /// <summary>
    /// Opens a modal (a message box) from an answer's callback on the next pass of the loop, not inside the callback:
    /// a modal run inside an <c>Invoke</c> holds Terminal.Gui's timer list, and every other thread's <c>Invoke</c> (the
    /// live feed's snapshots) waits until it closes.
    /// </summary>
    private void ShowModalLater(Action modal)
    {
        _modalsLater.Enqueue(modal);
        App?.Invoke(() => { });
    }

    private void RunModalsLater(object? sender, EventArgs e)
    {
        while (_modalsLater.TryDequeue(out Action? modal))
        {
            modal();
        }
    }

    private void OnApplicationKeyDown(object? sender, Key key)
    {
        // A dialog on top, or an open menu, handles its own keys (Esc closes it).
        if (!ReferenceEquals(App?.TopRunnableView, this) || App?.Popovers?.GetActivePopover() is not null)
        {
            return;
        }

        key.Handled = HandleGlobalKey(key);
    }

    /// <summary>Runs the command of an application-wide key; false when the key is not one of them.</summary>
    public bool HandleGlobalKey(Key key)
    {
        ArgumentNullException.ThrowIfNull(key);
        if (key == Key.F10)
        {
            App?.RequestStop();
            return true;
        }

        if (key == Key.Esc)
        {
            // Esc is the framework's quit key; here it only closes what is open (a filter, replay, the history
            // cursor) and never quits.
            if (Processes.HandleEscape() || (Current == Screen.Fleet && FleetScreen.HandleEscape()))
            {
                return true;
            }

            if (Replaying is not null)
            {
                ExitReplay();
            }
            else if (Current == Screen.History && History.CursorTime is not null)
            {
                History.PlaceCursor(null);
            }
            else if (_fleet is not null && Current != Screen.Fleet)
            {
                // Back to the fleet once it is open: from its alerts, or from a host's console opened from it.
                ReturnToFleet();
            }

            return true;
        }

        if (Key.F1 == key)
        {
            OpenHelp();
            return true;
        }

        // On the fleet's screens F3 is the fleet's alerts; elsewhere it is this connection's.
        if (key == Key.F3 && IsFleetScreen(Current))
        {
            OpenFleetAlerts();
            return true;
        }

        Screen? screen = ScreenFor(key);
        if (screen is { } s)
        {
            ShowScreen(s);
            return true;
        }

        if (IsTyping())
        {
            return false;
        }

        // A capital letter never opens a menu (Terminal.Gui's menus answer their mnemonic with Shift too): menus are
        // on Alt. The capitals the screens use go to them here.
        if (IsShiftedLetter(key))
        {
            _ = Current == Screen.Processes && Processes.HandleKey(key);
            return true;
        }

        return HandleLetter(key);
    }

    private static bool IsShiftedLetter(Key key) =>
        key.IsShift && !key.IsAlt && !key.IsCtrl && key.NoShift.AsRune.Value is >= 'a' and <= 'z';

    private static Screen? ScreenFor(Key key)
    {
        if (key == Key.F2)
        {
            return Screen.Users;
        }

        if (key == Key.F3)
        {
            return Screen.Alerts;
        }

        if (key == Key.F4)
        {
            return Screen.Processes;
        }

        if (key == Key.F5)
        {
            return Screen.History;
        }

        return key == Key.F6 ? Screen.Dashboard : null;
    }

    private bool HandleLetter(Key key)
    {
        if (key == Key.Q)
        {
            App?.RequestStop();
            return true;
        }

        if (key == Key.P)
        {
            TogglePause();
            return true;
        }

        if (key.AsRune.Value is '[' or ']' && StepReplay(forward: key.AsRune.Value == ']'))
        {
            return true;
        }

        if (key == Key.T)
        {
            ToggleTheme();
            return true;
        }

        if (key == Key.D)
        {
            ShowScreen(Screen.Dashboard);
            return true;
        }

        if (Current == Screen.Fleet && FleetScreen.HandleKey(key))
        {
            return true;
        }

        if (key.AsRune.Value == '/' && Current != Screen.Processes)
        {
            ShowScreen(Screen.Processes);
            Processes.BeginFilter();
            return true;
        }

        return false;
    }

    private bool IsTyping() => MostFocused is TextField;
}

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

    protected override void OnIsRunningChanged(bool newIsRunning)
    {
        base.OnIsRunningChanged(newIsRunning);
        if (newIsRunning && App is { } app && _keyboardOwner is null)
        {
            _keyboardOwner = app;
            app.Keyboard.KeyDown += OnApplicationKeyDown;
            LoadChartHistory();
            RefreshAlerts(force: true);
        }
        else if (!newIsRunning && _keyboardOwner is not null)
        {
            _keyboardOwner.Keyboard.KeyDown -= OnApplicationKeyDown;
            _keyboardOwner = null;
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
            if (Processes.HandleEscape())
            {
                return true;
            }

            if (Replaying is not null)
            {
                ExitReplay();
            }
            else if (Current == Screen.History)
            {
                History.PlaceCursor(null);
            }

            return true;
        }

        if (Key.F1 == key)
        {
            OpenHelp();
            return true;
        }

        Screen? screen = ScreenFor(key);
        if (screen is { } s)
        {
            ShowScreen(s);
            return true;
        }

        return !IsTyping() && HandleLetter(key);
    }

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

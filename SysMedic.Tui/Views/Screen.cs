namespace SysMedic.Tui.Views;

/// <summary>The screens of the console, one shown at a time.</summary>
public enum Screen
{
    Dashboard,
    Users,
    Processes,
    Alerts,
    History,
}

namespace SysMedic.Tui.Views;

/// <summary>The screens of the console, one shown at a time.</summary>
public enum Screen
{
    Dashboard,
    Users,
    Processes,
    Alerts,
    History,

    /// <summary>Every host of hosts.yaml, one row each.</summary>
    Fleet,

    /// <summary>Every fleet host's unresolved alerts.</summary>
    FleetAlerts,
}

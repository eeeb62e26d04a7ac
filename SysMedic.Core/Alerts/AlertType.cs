namespace SysMedic.Core.Alerts;

/// <summary>What an alert is about.</summary>
public enum AlertType
{
    /// <summary>System CPU or memory over (or approaching) its threshold.</summary>
    System,

    /// <summary>A user over their own threshold for a check.</summary>
    User,

    /// <summary>A user over their threshold for the persistent time.</summary>
    PersistentUser,

    /// <summary>A condition that alerted has cleared.</summary>
    Recovery,
}

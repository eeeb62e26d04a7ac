namespace SysMedic.Agent.Actions;

/// <summary>Why an action on a process did not happen.</summary>
public enum ActionFailure
{
    /// <summary>It happened.</summary>
    None,

    /// <summary>No such process (it ended, or never was): ESRCH.</summary>
    NoSuchProcess,

    /// <summary>The asker may not act on that process (EPERM), or may not lower its nice value (EACCES).</summary>
    NotPermitted,

    /// <summary>A pid or value that is never valid (pid 0 or below, an unknown signal, nice out of -20..19).</summary>
    BadRequest,
}

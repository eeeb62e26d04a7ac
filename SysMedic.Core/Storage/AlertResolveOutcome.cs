namespace SysMedic.Core.Storage;

/// <summary>What <see cref="AlertStore.Resolve"/> did.</summary>
public enum AlertResolveOutcome
{
    /// <summary>The alert is now resolved with the given note, author and time.</summary>
    Resolved,

    /// <summary>No alert has that id.</summary>
    NotFound,

    /// <summary>It was resolved before; the earlier resolution is kept unchanged.</summary>
    AlreadyResolved,
}

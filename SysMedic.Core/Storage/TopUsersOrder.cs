namespace SysMedic.Core.Storage;

/// <summary>What "top" means for <see cref="HistoryQueries.TopUsers"/>.</summary>
public enum TopUsersOrder
{
    /// <summary>Highest average CPU first.</summary>
    Cpu,

    /// <summary>Highest average memory first.</summary>
    Memory,
}

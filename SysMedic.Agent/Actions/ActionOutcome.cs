namespace SysMedic.Agent.Actions;

/// <summary>What became of an action: <see cref="Failure"/> None when done, and one line saying what happened.</summary>
public readonly record struct ActionOutcome(ActionFailure Failure, string Message, string Name)
{
    /// <summary>Whether the action was done.</summary>
    public bool Ok => Failure == ActionFailure.None;
}

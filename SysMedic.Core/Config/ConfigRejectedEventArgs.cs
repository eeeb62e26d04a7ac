namespace SysMedic.Core.Config;

/// <summary>A reload found an invalid (or missing) file and kept the configuration in force.</summary>
public sealed class ConfigRejectedEventArgs(IReadOnlyList<ConfigDiagnostic> problems) : EventArgs
{
    /// <summary>Why, as <c>config validate</c> would print it.</summary>
    public IReadOnlyList<ConfigDiagnostic> Problems { get; } = problems;
}

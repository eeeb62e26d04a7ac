using SysMedic.Core.Alerts;
namespace SysMedic.Tui.Connection;

/// <summary>The agent's answer to a resolution: whether it took, and a line to show.</summary>
public sealed record ResolveResult(bool Ok, string Message)
{
    /// <summary>The alert as resolved, when the agent sent it back.</summary>
    public Alert? Alert { get; init; }
}

namespace SysMedic.Tui.Connection;

/// <summary>The agent's answer to a resolution: whether it took, and a line to show.</summary>
public sealed record ResolveResult(bool Ok, string Message);

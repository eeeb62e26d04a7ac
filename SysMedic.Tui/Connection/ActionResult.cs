namespace SysMedic.Tui.Connection;

/// <summary>What became of a signal or a renice: whether it was done, and the line the status bar shows.</summary>
public sealed record ActionResult(bool Ok, string Message);

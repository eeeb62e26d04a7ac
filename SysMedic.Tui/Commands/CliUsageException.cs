namespace SysMedic.Tui.Commands;

/// <summary>Bad usage found after parsing (a value out of range): printed as one line, exit code 2.</summary>
public sealed class CliUsageException(string message) : Exception(message);

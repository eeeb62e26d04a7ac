namespace SysMedic.Core.Config;

/// <summary>
/// One problem found in a configuration, printed as <c>file:line:col: key.path: message</c> (errors) or
/// <c>file:line:col: warning: key.path: message</c>. <see cref="Line"/> is 0 when there is no position (an
/// environment variable, a file that cannot be read).
/// </summary>
public sealed record ConfigDiagnostic(ConfigSeverity Severity, string Source, int Line, int Column, string KeyPath, string Message)
{
    /// <summary>Whether this problem rejects the configuration.</summary>
    public bool IsError => Severity == ConfigSeverity.Error;

    public override string ToString()
    {
        string where = Line > 0 ? $"{Source}:{Line}:{Column}: " : $"{Source}: ";
        string severity = IsError ? "" : "warning: ";
        string key = KeyPath.Length > 0 ? KeyPath + ": " : "";
        return where + severity + key + Message;
    }
}

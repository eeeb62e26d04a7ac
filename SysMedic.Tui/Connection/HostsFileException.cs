namespace SysMedic.Tui.Connection;

/// <summary>
/// hosts.yaml cannot be read as a list of hosts: the message is <c>FILE:LINE: key: problem</c>, so the operator can
/// open the file at the mistake. Commands that change the file stop on it and leave the file as it is. It is an
/// <see cref="IOException"/> so that every caller that already copes with an unreadable file (the console's
/// File &gt; Connect, the CLI's one-line error) copes with this one.
/// </summary>
public sealed class HostsFileException : IOException
{
    public HostsFileException(string path, int line, string message)
        : base($"{path}:{line}: {message}")
    {
        Path = path;
        Line = line;
    }

    /// <summary>The hosts file.</summary>
    public string Path { get; }

    /// <summary>The line of the mistake, from 1.</summary>
    public int Line { get; }
}

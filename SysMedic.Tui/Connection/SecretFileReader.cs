using System.Diagnostics.CodeAnalysis;

namespace SysMedic.Tui.Connection;

/// <summary>
/// Reads a relay's secret from a file (<c>--secret-file</c>, a hosts.yaml entry's <c>secret_file</c>): the content
/// with the white space around it (the trailing newline an editor adds) taken off.
/// </summary>
public static class SecretFileReader
{
    private const UnixFileMode GroupOrOther = (UnixFileMode)0b000_111_111;

    /// <summary>
    /// The secret in <paramref name="path"/>; on failure <paramref name="reason"/> says why in the words of
    /// strerror(3) (<c>No such file or directory</c>, <c>Permission denied</c>), or that the file is empty.
    /// </summary>
    public static bool TryRead(string path, [NotNullWhen(true)] out string? secret, [NotNullWhen(false)] out string? reason)
    {
        ArgumentNullException.ThrowIfNull(path);
        secret = null;
        if (Directory.Exists(path))
        {
            reason = "Is a directory";
            return false;
        }

        string text;
        try
        {
            text = File.ReadAllText(path);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // .NET's own messages ("Could not find file '...'") repeat the path the caller already prints.
            reason = ex switch
            {
                FileNotFoundException or DirectoryNotFoundException => "No such file or directory",
                UnauthorizedAccessException => "Permission denied",
                _ => ex.Message,
            };
            return false;
        }

        text = text.Trim();
        if (text.Length == 0)
        {
            reason = "the file is empty";
            return false;
        }

        secret = text;
        reason = null;
        return true;
    }

    /// <summary>Warns on <paramref name="warnings"/> when group or others may read <paramref name="path"/>.</summary>
    public static void WarnIfShared(string path, TextWriter warnings)
    {
        ArgumentNullException.ThrowIfNull(warnings);
        if (!OperatingSystem.IsWindows() && File.Exists(path) && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
        {
            warnings.WriteLine($"sysmedic: warning: {path} holds a secret but others may read it; run: chmod 600 {path}");
        }
    }
}

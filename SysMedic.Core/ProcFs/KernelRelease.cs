namespace SysMedic.Core.ProcFs;

/// <summary>
/// proc(5) <c>/proc/sys/kernel/osrelease</c>: the running kernel's release string, one line.
/// Sample: <c>6.8.0-45-generic</c>.
/// </summary>
public static class KernelRelease
{
    /// <summary>The release under <paramref name="procRoot"/>, or null when the file cannot be read.</summary>
    public static string? Read(string procRoot)
    {
        try
        {
            string text = File.ReadAllText(Path.Combine(procRoot, "sys", "kernel", "osrelease")).Trim();
            return text.Length == 0 ? null : text;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return null;
        }
    }
}

namespace SysMedic.Core.Storage;

/// <summary>
/// The database, its WAL and shared-memory files and its backups hold alert details and command lines: they are
/// their owner's alone (0600) whoever makes them and whatever the umask. SQLite gives the WAL and shared-memory files
/// the mode of the database file, so a private database makes them private too.
/// </summary>
internal static class PrivateFile
{
    /// <summary>Read and write for the owner, nothing for anyone else.</summary>
    public const UnixFileMode Mode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    private const UnixFileMode GroupOrOther = (UnixFileMode)0b000_111_111;

    /// <summary>
    /// Creates <paramref name="path"/> empty with mode 0600 when it does not exist (an empty file is a new database to
    /// SQLite); makes it and its <c>-wal</c>, <c>-shm</c> and <c>-journal</c> 0600 when they are more open.
    /// </summary>
    public static void PrepareDatabase(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using (new FileStream(path, new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = Mode }))
            {
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // It exists already, or it cannot be made here: then SQLite's own attempt reports why, with its error code.
        }

        foreach (string file in new[] { path, path + "-wal", path + "-shm", path + "-journal" })
        {
            Restrict(file);
        }
    }

    /// <summary>Makes <paramref name="path"/> 0600 if it exists and is more open; quietly leaves a file this user may not change.</summary>
    public static void Restrict(string path)
    {
        if (OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            if (File.Exists(path) && (File.GetUnixFileMode(path) & GroupOrOther) != 0)
            {
                File.SetUnixFileMode(path, Mode);
            }
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            // Not ours to change (another user's file opened by root works; the reverse does not): SQLite reports what matters.
        }
    }
}

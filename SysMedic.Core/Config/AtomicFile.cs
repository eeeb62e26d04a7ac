namespace SysMedic.Core.Config;

/// <summary>
/// Replaces a file all at once: the new content goes to a temporary file in the same directory, gets the old file's
/// mode and owner, is flushed to disk and renamed over the old one, so a reader sees the old file or the new one,
/// never half of either.
/// </summary>
public static class AtomicFile
{
    private const UnixFileMode GroupAndOther = UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    private const UnixFileMode NewFileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead | UnixFileMode.OtherRead;

    /// <summary>
    /// Writes <paramref name="contents"/> to <paramref name="path"/> (through a symbolic link to its target). A new file
    /// is 0644; <paramref name="private"/> removes every group and other permission (0600), except that a file of the
    /// <see cref="ConfigReaders"/> group stays readable by that group (0640).
    /// </summary>
    /// <exception cref="IOException">The file cannot be written, or its owner cannot be kept.</exception>
    /// <exception cref="UnauthorizedAccessException">Permission denied.</exception>
    public static void Write(string path, byte[] contents, bool @private) =>
        Write(path, contents, @private, @private ? ConfigReaders.GroupId() : null);

    /// <summary>As <see cref="Write(string, byte[], bool)"/>, with the readers' group id given (null: none).</summary>
    internal static void Write(string path, byte[] contents, bool @private, uint? readerGroupId)
    {
        if (OperatingSystem.IsWindows())
        {
            throw new PlatformNotSupportedException("SysMedic writes files on Linux only");
        }

        string target = Target(path);
        string directory = Path.GetDirectoryName(target)!;
        Directory.CreateDirectory(directory);
        bool exists = File.Exists(target);
        var mode = exists ? File.GetUnixFileMode(target) : NewFileMode;
        if (@private)
        {
            mode &= ~GroupAndOther;
            if (exists && readerGroupId is { } readers && FileOwnership.TryGet(target, out _, out uint gid) && gid == readers)
            {
                mode |= UnixFileMode.GroupRead;
            }
        }

        string temp = Path.Combine(directory, $".{Path.GetFileName(target)}.{Guid.NewGuid():N}.tmp");
        try
        {
            var options = new FileStreamOptions { Mode = FileMode.CreateNew, Access = FileAccess.Write, UnixCreateMode = mode & ~GroupAndOther | UnixFileMode.UserRead | UnixFileMode.UserWrite };
            using (var stream = new FileStream(temp, options))
            {
                stream.Write(contents);
                stream.Flush(flushToDisk: true);
            }

            // Set after writing: the creation mode is narrowed by the umask, and the secret must not be readable meanwhile.
            File.SetUnixFileMode(temp, mode);
            KeepOwner(target, temp, exists);
            File.Move(temp, target, overwrite: true);
        }
        finally
        {
            if (File.Exists(temp))
            {
                File.Delete(temp);
            }
        }
    }

    // Writing through a link keeps the link: the operator's layout (e.g. /etc/sysmedic -> a shared volume) stays.
    private static string Target(string path)
    {
        var info = new FileInfo(Path.GetFullPath(path));
        return info.Directory is { Exists: true } && info.LinkTarget is not null
            ? info.ResolveLinkTarget(returnFinalTarget: true)!.FullName
            : info.FullName;
    }

    private static void KeepOwner(string target, string temp, bool exists)
    {
        if (!exists || !FileOwnership.TryGet(target, out uint uid, out uint gid) || !FileOwnership.TryGet(temp, out uint newUid, out uint newGid))
        {
            return;
        }

        if ((uid != newUid || gid != newGid) && !FileOwnership.TrySet(temp, uid, gid))
        {
            throw new IOException($"cannot keep the owner {uid}:{gid} of {target} (only root can give a file away); nothing was changed");
        }
    }
}

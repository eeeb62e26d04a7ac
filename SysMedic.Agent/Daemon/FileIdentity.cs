using System.Runtime.InteropServices;

namespace SysMedic.Agent.Daemon;

/// <summary>
/// Which file a path names: its device and inode, from statx(2) without following a final symbolic link. A daemon
/// remembers the identity of what it created, so it removes only its own file, not one that replaced it since.
/// </summary>
public readonly partial record struct FileIdentity(uint DeviceMajor, uint DeviceMinor, ulong Inode)
{
    private const int AtFdCwd = -100;
    private const int AtSymlinkNoFollow = 0x100;
    private const uint StatxIno = 0x100;
    private const int StatxSize = 256;

    /// <summary>The identity of the file at <paramref name="path"/>; false when there is none (or it cannot be read).</summary>
    public static unsafe bool TryGet(string path, out FileIdentity identity)
    {
        // struct statx: stx_ino at byte 32, stx_dev_major and stx_dev_minor at bytes 136 and 140, on every architecture.
        byte* buffer = stackalloc byte[StatxSize];
        if (statx(AtFdCwd, path, AtSymlinkNoFollow, StatxIno, buffer) != 0)
        {
            identity = default;
            return false;
        }

        identity = new FileIdentity(*(uint*)(buffer + 136), *(uint*)(buffer + 140), *(ulong*)(buffer + 32));
        return true;
    }

    /// <summary>Deletes <paramref name="path"/> only while it is still the file <paramref name="identity"/> names; true when it did.</summary>
    public static bool DeleteIfSame(string path, FileIdentity identity)
    {
        if (!TryGet(path, out FileIdentity now) || now != identity)
        {
            return false;
        }

        try
        {
            File.Delete(path);
            return true;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return false;
        }
    }

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static unsafe partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);
}

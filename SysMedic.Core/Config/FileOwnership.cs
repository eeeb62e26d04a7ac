using System.Runtime.InteropServices;

namespace SysMedic.Core.Config;

/// <summary>
/// Reads and sets a file's owner, which .NET has no API for. statx(2) is used because its struct has the same
/// layout on every architecture (stat(2)'s does not): stx_uid at byte 20, stx_gid at byte 24.
/// </summary>
internal static unsafe partial class FileOwnership
{
    private const int AtFdCwd = -100;
    private const uint StatxUid = 0x8;
    private const uint StatxGid = 0x10;
    private const int StatxSize = 256;

    /// <summary>The owner and group of <paramref name="path"/>; false when they cannot be read.</summary>
    public static bool TryGet(string path, out uint uid, out uint gid)
    {
        byte* buffer = stackalloc byte[StatxSize];
        if (statx(AtFdCwd, path, 0, StatxUid | StatxGid, buffer) != 0)
        {
            uid = gid = 0;
            return false;
        }

        uid = *(uint*)(buffer + 20);
        gid = *(uint*)(buffer + 24);
        return true;
    }

    /// <summary>Gives <paramref name="path"/> to <paramref name="uid"/>:<paramref name="gid"/>; false when not allowed.</summary>
    public static bool TrySet(string path, uint uid, uint gid) => chown(path, uid, gid) == 0;

    [LibraryImport("libc", EntryPoint = "statx", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int statx(int dirfd, string path, int flags, uint mask, byte* buffer);

    [LibraryImport("libc", EntryPoint = "chown", StringMarshalling = StringMarshalling.Utf8, SetLastError = true)]
    private static partial int chown(string path, uint owner, uint group);
}

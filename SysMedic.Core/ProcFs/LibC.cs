using System.Runtime.InteropServices;

namespace SysMedic.Core.ProcFs;

/// <summary>
/// The few libc calls the /proc readers need, declared once (source-generated, AOT-safe). Raw calls instead of
/// FileStream because a sampling pass opens thousands of small files and a FileStream costs objects and extra
/// syscalls for each.
/// </summary>
internal static unsafe partial class LibC
{
    internal const int ORdOnly = 0;
    internal const int OCloExec = 0x80000;
    internal const int AtEmptyPath = 0x1000;
    internal const uint StatxUid = 0x8;
    internal const int StatxBufferSize = 256;
    internal const int StatxUidOffset = 20;
    internal const int ScClkTck = 2;

    [LibraryImport("libc", EntryPoint = "geteuid")]
    internal static partial uint geteuid();

    [LibraryImport("libc", EntryPoint = "open")]
    internal static partial int open(byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "openat")]
    internal static partial int openat(int dirfd, byte* path, int flags);

    [LibraryImport("libc", EntryPoint = "read")]
    internal static partial nint read(int fd, byte* buffer, nint count);

    [LibraryImport("libc", EntryPoint = "close")]
    internal static partial int close(int fd);

    /// <summary>statx(2): the layout of <c>struct statx</c> is the same on every architecture, unlike <c>struct stat</c>.</summary>
    [LibraryImport("libc", EntryPoint = "statx")]
    internal static partial int statx(int dirfd, byte* path, int flags, uint mask, byte* buffer);

    internal const int LockExclusive = 2;
    internal const int LockNonBlocking = 4;

    /// <summary>flock(2) on a descriptor; returns 0 or -1 (errno EWOULDBLOCK when another holds the lock).</summary>
    [LibraryImport("libc", EntryPoint = "flock", SetLastError = true)]
    internal static partial int flock(int fd, int operation);

    /// <summary>struct statvfs is 11 unsigned longs and 6 ints on LP64 glibc (112 bytes); 16 words leaves room.</summary>
    internal const int StatvfsWords = 16;

    [LibraryImport("libc", EntryPoint = "statvfs")]
    internal static partial int statvfs(byte* path, ulong* buffer);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    internal static partial long sysconf(int name);
}

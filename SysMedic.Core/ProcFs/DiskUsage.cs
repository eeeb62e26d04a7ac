namespace SysMedic.Core.ProcFs;

/// <summary>Space of the file system holding a path (statvfs(3)), in bytes.</summary>
public readonly record struct DiskUsage(long TotalBytes, long FreeBytes, long AvailableBytes)
{
    /// <summary>Bytes in use: total minus free (free includes the root reserve).</summary>
    public long UsedBytes => Math.Max(0, TotalBytes - FreeBytes);

    /// <summary>Use% as <c>df</c> prints it: used / (used + available to unprivileged users), 0..100.</summary>
    public double UsedPercent => UsedBytes + AvailableBytes <= 0 ? 0 : 100.0 * UsedBytes / (UsedBytes + AvailableBytes);

    /// <summary>Reads the file system of <paramref name="path"/> with one statvfs(3); zeros when it cannot be read.</summary>
    public static unsafe DiskUsage Read(string path)
    {
        byte[] z = ProcDirectory.NullTerminated(path);
        ulong* buf = stackalloc ulong[LibC.StatvfsWords];
        fixed (byte* p = z)
        {
            if (LibC.statvfs(p, buf) != 0)
            {
                return default;
            }
        }

        // struct statvfs on LP64 glibc: f_bsize, f_frsize, f_blocks, f_bfree, f_bavail, ... all 8 bytes wide.
        ulong fragment = buf[1] != 0 ? buf[1] : buf[0];
        return new DiskUsage((long)(buf[2] * fragment), (long)(buf[3] * fragment), (long)(buf[4] * fragment));
    }
}

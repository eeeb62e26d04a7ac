namespace SysMedic.Core.ProcFs;

/// <summary>Space of the file system holding a path (statvfs(3)), in bytes.</summary>
public readonly record struct DiskUsage(long TotalBytes, long FreeBytes, long AvailableBytes)
{
    /// <summary>Bytes in use: total minus free (free includes the root reserve).</summary>
    public long UsedBytes => Math.Max(0, TotalBytes - FreeBytes);

    /// <summary>Use% as <c>df</c> prints it: used / (used + available to unprivileged users), 0..100.</summary>
    public double UsedPercent => UsedBytes + AvailableBytes <= 0 ? 0 : 100.0 * UsedBytes / (UsedBytes + AvailableBytes);

    /// <summary>Reads the file system of <paramref name="path"/>; zeros when it cannot be read.</summary>
    public static DiskUsage Read(string path)
    {
        try
        {
            var drive = new DriveInfo(path);
            return new DiskUsage(drive.TotalSize, drive.TotalFreeSpace, drive.AvailableFreeSpace);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException or ArgumentException)
        {
            return default;
        }
    }
}

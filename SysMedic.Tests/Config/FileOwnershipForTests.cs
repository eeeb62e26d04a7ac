using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

/// <summary>A file's group, read and set through the product's own statx/chown calls.</summary>
internal static class FileOwnershipForTests
{
    public static uint Group(string path) => FileOwnership.TryGet(path, out _, out uint gid) ? gid : uint.MaxValue;

    public static bool SetGroup(string path, uint gid) => FileOwnership.TryGet(path, out uint uid, out _) && FileOwnership.TrySet(path, uid, gid);
}

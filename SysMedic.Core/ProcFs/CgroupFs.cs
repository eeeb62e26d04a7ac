using System.Globalization;
using System.IO.Enumeration;

namespace SysMedic.Core.ProcFs;

/// <summary>
/// The cgroup v2 hierarchy under a /sys root: <c>fs/cgroup</c> on a v2-only host, <c>fs/cgroup/unified</c> on a
/// hybrid one (cgroup(7)). It reads the systemd user slices, <c>user.slice/user-UID.slice</c>, that logind makes
/// for users' sessions: their <c>cpu.stat</c> and <c>{cpu,memory,io}.pressure</c>.
/// </summary>
public sealed class CgroupFs : IDisposable
{
    private static readonly EnumerationOptions SliceEnumeration = new()
    {
        RecurseSubdirectories = false,
        IgnoreInaccessible = true,
        AttributesToSkip = 0,
        ReturnSpecialDirectories = false,
    };

    private readonly ProcDirectory _root;
    private byte[] _buffer = new byte[4096];

    private CgroupFs(string path) => _root = new ProcDirectory(path);

    /// <summary>The root of the v2 hierarchy.</summary>
    public string Path => _root.Path;

    /// <summary>
    /// The v2 hierarchy under <paramref name="sysRoot"/> (the directory that holds <c>cgroup.controllers</c>), or null
    /// when there is none (a cgroup v1 host, or no /sys).
    /// </summary>
    public static CgroupFs? Open(string sysRoot)
    {
        foreach (string candidate in new[] { System.IO.Path.Combine(sysRoot, "fs", "cgroup"), System.IO.Path.Combine(sysRoot, "fs", "cgroup", "unified") })
        {
            if (File.Exists(System.IO.Path.Combine(candidate, "cgroup.controllers")))
            {
                try
                {
                    return new CgroupFs(candidate);
                }
                catch (DirectoryNotFoundException)
                {
                    return null;
                }
            }
        }

        return null;
    }

    /// <summary>Whether the hierarchy has a <c>user.slice</c> (systemd with logind).</summary>
    public bool HasUserSlices => Directory.Exists(System.IO.Path.Combine(Path, "user.slice"));

    /// <summary>
    /// Reads every user slice into <paramref name="slices"/> (cleared first). A slice whose <c>cpu.stat</c> cannot be
    /// parsed is left out and its path added to <paramref name="failures"/>; one that vanished while being read is
    /// left out silently (its user logged out).
    /// </summary>
    public void ReadUserSlices(List<UserSliceSample> slices, List<string> failures)
    {
        ArgumentNullException.ThrowIfNull(slices);
        ArgumentNullException.ThrowIfNull(failures);
        slices.Clear();
        string parent = System.IO.Path.Combine(Path, "user.slice");
        if (!Directory.Exists(parent))
        {
            return;
        }

        var uids = new FileSystemEnumerable<uint>(parent, static (ref FileSystemEntry e) => SliceUid(e.FileName), SliceEnumeration)
        {
            ShouldIncludePredicate = static (ref FileSystemEntry e) => e.IsDirectory && SliceUid(e.FileName) != uint.MaxValue,
        };

        Span<byte> path = stackalloc byte[96];
        foreach (uint uid in uids)
        {
            int n = Read(uid, "cpu.stat"u8, path);
            if (n < 0)
            {
                continue;
            }

            if (!CgroupCpuStat.TryParse(_buffer.AsSpan(0, n), out CgroupCpuStat cpu))
            {
                failures.Add(System.IO.Path.Combine(parent, string.Create(CultureInfo.InvariantCulture, $"user-{uid}.slice"), "cpu.stat"));
                continue;
            }

            slices.Add(new UserSliceSample(uid, cpu, ReadPressure(uid, "cpu.pressure"u8, path), ReadPressure(uid, "memory.pressure"u8, path), ReadPressure(uid, "io.pressure"u8, path)));
        }
    }

    public void Dispose() => _root.Dispose();

    private Pressure? ReadPressure(uint uid, ReadOnlySpan<byte> file, Span<byte> path)
    {
        int n = Read(uid, file, path);
        return n > 0 && Pressure.TryParse(_buffer.AsSpan(0, n), out Pressure pressure) ? pressure : null;
    }

    // Reads user.slice/user-UID.slice/FILE into the buffer; -1 when it cannot be read.
    private int Read(uint uid, ReadOnlySpan<byte> file, Span<byte> path)
    {
        int written = 0;
        "user.slice/user-"u8.CopyTo(path);
        written += 16;
        _ = uid.TryFormat(path[written..], out int digits, default, CultureInfo.InvariantCulture);
        written += digits;
        ".slice/"u8.CopyTo(path[written..]);
        written += 7;
        file.CopyTo(path[written..]);
        written += file.Length;
        path[written++] = 0;
        return _root.ReadGrowing(path[..written], ref _buffer);
    }

    private static uint SliceUid(ReadOnlySpan<char> name)
    {
        if (!name.StartsWith("user-") || !name.EndsWith(".slice"))
        {
            return uint.MaxValue;
        }

        ReadOnlySpan<char> digits = name[5..^6];
        return uint.TryParse(digits, NumberStyles.None, CultureInfo.InvariantCulture, out uint uid) && uid != uint.MaxValue ? uid : uint.MaxValue;
    }
}

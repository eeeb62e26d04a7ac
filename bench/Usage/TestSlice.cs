using System.Globalization;

namespace SysMedic.Bench.Usage;

/// <summary>
/// A stand-in for the slice systemd-logind would make for a user, <c>user.slice/user-UID.slice</c> in the cgroup v2
/// hierarchy, made by hand for the run (this host has no logind) and removed after it. Only the cgroup core files
/// are used (<c>cpu.stat</c>, <c>*.pressure</c>), which exist with no controller enabled.
/// </summary>
internal sealed class TestSlice : IDisposable
{
    private readonly bool _madeParent;

    public TestSlice(string v2Root, int uid)
    {
        string parent = Path.Combine(v2Root, "user.slice");
        _madeParent = !Directory.Exists(parent);
        Parent = parent;
        CgroupPath = Path.Combine(parent, string.Create(CultureInfo.InvariantCulture, $"user-{uid}.slice"));
        Directory.CreateDirectory(CgroupPath);
    }

    public string Parent { get; }

    public string CgroupPath { get; }

    /// <summary>Moves <paramref name="pid"/> (and so everything it starts) into the slice.</summary>
    public void Move(int pid) => File.WriteAllText(Path.Combine(CgroupPath, "cgroup.procs"), pid.ToString(CultureInfo.InvariantCulture));

    public void Dispose()
    {
        // A cgroup directory goes with rmdir once it holds no process; the loop has ended by now.
        try
        {
            Directory.Delete(CgroupPath);
            if (_madeParent)
            {
                Directory.Delete(Parent);
            }
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"could not remove {CgroupPath}: {ex.Message} (rmdir it once its processes are gone)");
        }
    }
}

using System.Diagnostics;
using System.Globalization;

namespace SysMedic.Bench.Sampler;

/// <summary>
/// The system users the extra processes run as (<c>smbench1</c>, <c>smbench2</c>...), created with
/// <c>useradd</c> when missing and removed with <c>userdel</c> at the end. A user that existed before the run
/// is used and left in place.
/// </summary>
internal sealed class BenchUsers : IDisposable
{
    private readonly List<string> _created = [];

    /// <summary>uid:gid of each user, as the spawner takes them.</summary>
    public List<string> Ids { get; } = [];

    /// <summary>User names.</summary>
    public List<string> Names { get; } = [];

    /// <summary>Creates (or finds) <paramref name="count"/> users; the result must be disposed to remove them.</summary>
    public static BenchUsers Create(int count, Cleanup cleanup)
    {
        BenchUsers users = cleanup.Add(new BenchUsers());
        for (int i = 1; i <= count; i++)
        {
            string name = $"smbench{i}";
            if (Find(name) is null)
            {
                Run("useradd", "--system", "--no-create-home", "--user-group", "--shell", "/usr/sbin/nologin", name);
                users._created.Add(name);
            }
            else
            {
                Console.WriteLine($"note: user {name} already existed; it is used and left in place");
            }

            (uint uid, uint gid) = Find(name) ?? throw new InvalidOperationException($"{name}: not in /etc/passwd after useradd");
            users.Names.Add(name);
            users.Ids.Add($"{uid}:{gid}");
        }

        return users;
    }

    private static (uint Uid, uint Gid)? Find(string name)
    {
        foreach (string line in File.ReadLines("/etc/passwd"))
        {
            string[] f = line.Split(':');
            if (f.Length >= 4 && f[0] == name)
            {
                return (uint.Parse(f[2], CultureInfo.InvariantCulture), uint.Parse(f[3], CultureInfo.InvariantCulture));
            }
        }

        return null;
    }

    private static void Run(string command, params string[] args)
    {
        var psi = new ProcessStartInfo(command) { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi) ?? throw new InvalidOperationException($"{command}: could not start");
        string errors = p.StandardError.ReadToEnd();
        p.WaitForExit();
        if (p.ExitCode != 0)
        {
            throw new InvalidOperationException($"{command} {string.Join(' ', args)}: exit {p.ExitCode} {errors.Trim()}");
        }
    }

    public void Dispose()
    {
        for (int i = _created.Count - 1; i >= 0; i--)
        {
            try
            {
                Run("userdel", _created[i]);
            }
            catch (InvalidOperationException ex)
            {
                Console.Error.WriteLine($"cleanup: {ex.Message}");
            }
        }

        _created.Clear();
    }
}

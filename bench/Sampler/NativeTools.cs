using System.Diagnostics;

namespace SysMedic.Bench.Sampler;

/// <summary>The C reference readers and the spawner, compiled with <c>gcc -O2</c> into a temporary directory.</summary>
internal sealed class NativeTools : IDisposable
{
    private readonly string _dir;

    private NativeTools(string dir) => _dir = dir;

    /// <summary>Reads /proc/[pid]/stat and /proc/[pid]/status of every process.</summary>
    public string StatStatus => Path.Combine(_dir, "stat_status");

    /// <summary>Reads /proc/[pid]/stat of every process; the owner from fstat of the open file.</summary>
    public string StatFstat => Path.Combine(_dir, "stat_fstat");

    /// <summary>Starts and ends sleeping processes.</summary>
    public string SpawnSleepers => Path.Combine(_dir, "spawn_sleepers");

    /// <summary>Compiles the C sources shipped beside the benchmark; throws with gcc's message when it fails.</summary>
    public static NativeTools Compile()
    {
        string sources = Path.Combine(AppContext.BaseDirectory, "c");
        string dir = Directory.CreateTempSubdirectory("sysmedic-bench-").FullName;
        var tools = new NativeTools(dir);
        try
        {
            foreach (string name in new[] { "stat_status", "stat_fstat", "spawn_sleepers" })
            {
                Gcc(Path.Combine(sources, name + ".c"), Path.Combine(dir, name));
            }

            return tools;
        }
        catch
        {
            tools.Dispose();
            throw;
        }
    }

    private static void Gcc(string source, string output)
    {
        var psi = new ProcessStartInfo("gcc") { RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in new[] { "-O2", "-Wall", "-o", output, source })
        {
            psi.ArgumentList.Add(a);
        }

        using Process gcc = Process.Start(psi) ?? throw new InvalidOperationException("gcc: could not start");
        string errors = gcc.StandardError.ReadToEnd();
        gcc.WaitForExit();
        if (gcc.ExitCode != 0)
        {
            throw new InvalidOperationException($"gcc {source}: exit {gcc.ExitCode}\n{errors}");
        }
    }

    public void Dispose() => Directory.Delete(_dir, recursive: true);
}

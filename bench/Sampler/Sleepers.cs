using System.Diagnostics;
using System.Globalization;

namespace SysMedic.Bench.Sampler;

/// <summary>
/// Extra sleeping processes started by the compiled spawner. Disposing closes the spawner's standard input, which
/// makes it kill and reap every child; should it not end in time, each child pid it reported and then the spawner
/// itself are killed. The children also die with the spawner, so none outlives the benchmark, even when it is killed.
/// </summary>
internal sealed class Sleepers : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    private readonly Process _spawner;
    private readonly int[] _pids;
    private bool _disposed;

    private Sleepers(Process spawner, int[] pids)
    {
        _spawner = spawner;
        _pids = pids;
    }

    /// <summary>How many children are running.</summary>
    public int Count => _pids.Length;

    /// <summary>Starts <paramref name="count"/> children spread over <paramref name="ids"/> (uid:gid; empty: the caller's).</summary>
    public static Sleepers Start(string spawner, int count, IReadOnlyList<string> ids)
    {
        var psi = new ProcessStartInfo(spawner)
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        psi.ArgumentList.Add(count.ToString(CultureInfo.InvariantCulture));
        foreach (string id in ids)
        {
            psi.ArgumentList.Add(id);
        }

        Process p = Process.Start(psi) ?? throw new InvalidOperationException($"{spawner}: could not start");
        Task<string?> line = p.StandardOutput.ReadLineAsync();
        if (!line.Wait(Patience) || line.Result is not { } ready || !ready.StartsWith("ready", StringComparison.Ordinal))
        {
            p.StandardInput.Close();
            if (!p.WaitForExit(Patience))
            {
                p.Kill();
            }

            string errors = p.StandardError.ReadToEnd();
            p.Dispose();
            throw new InvalidOperationException($"spawn_sleepers {count}: did not start them all. {errors.Trim()}");
        }

        int[] pids = ready.Split(' ', StringSplitOptions.RemoveEmptyEntries).Skip(1)
            .Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
        return new Sleepers(p, pids);
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        _spawner.StandardInput.Close();
        if (!_spawner.WaitForExit(Patience))
        {
            // The spawner has not reaped its children, so these pids are still theirs and cannot have been reused.
            Console.Error.WriteLine("cleanup: spawn_sleepers did not end; killing its children by pid");
            foreach (int pid in _pids)
            {
                try
                {
                    using var child = Process.GetProcessById(pid);
                    child.Kill();
                }
                catch (ArgumentException)
                {
                    // Already gone.
                }
            }

            _spawner.Kill();
            _spawner.WaitForExit();
        }

        _spawner.Dispose();
    }
}

using System.Diagnostics;
using System.Globalization;

namespace SysMedic.Tests.Sampling;

/// <summary>
/// A loop of short-lived shells, each counting to <c>iterations</c> (about 10 ms of CPU at 10,000), run one after the
/// other as <c>uid</c> (setpriv), under a shell of the same uid that outlives the loop by <c>linger</c> seconds, as a
/// login shell outlives the make it ran. The loop ends with <c>exec cat /proc/self/stat</c>: the same pid, so its
/// utime + stime + cutime + cstime is what getrusage(RUSAGE_CHILDREN) of its parent would say, the truth.
/// (bench/Usage runs the same loop at the scale.)
/// </summary>
internal sealed class ShortLivedLoop : IDisposable
{
    private readonly Process _process;

    public ShortLivedLoop(int uid, int count, int iterations, int linger)
    {
        string script = string.Create(CultureInfo.InvariantCulture, $$"""
            sh -c 'j=0
            while [ $j -lt {{count}} ]; do
              sh -c "i=0; while [ \$i -lt {{iterations}} ]; do i=\$((i+1)); done"
              j=$((j+1))
            done
            exec cat /proc/self/stat'
            sleep {{linger}}
            """);
        var start = new ProcessStartInfo("setpriv") { RedirectStandardOutput = true, UseShellExecute = false };
        string id = uid.ToString(CultureInfo.InvariantCulture);
        foreach (string arg in new[] { "--reuid", id, "--regid", id, "--clear-groups", "sh", "-c", script })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("setpriv did not start");
    }

    public bool HasExited => _process.HasExited;

    /// <summary>Waits for the end; the CPU seconds of the loop and every process it waited for.</summary>
    public double TruthSeconds(int ticksPerSecond)
    {
        string line = _process.StandardOutput.ReadToEnd();
        _process.WaitForExit();
        string[] f = line[(line.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);
        long ticks = f[11..15].Sum(v => long.Parse(v, CultureInfo.InvariantCulture));
        return (double)ticks / ticksPerSecond;
    }

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
        }

        _process.Dispose();
    }
}

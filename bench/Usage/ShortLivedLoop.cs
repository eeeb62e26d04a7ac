using System.Diagnostics;
using System.Globalization;

namespace SysMedic.Bench.Usage;

/// <summary>
/// A shell, running as <see cref="Uid"/> (setpriv), that starts <c>count</c> short-lived shells one after the other,
/// each counting to <c>iterations</c>, then execs <c>cat /proc/self/stat</c>: the same pid, so the line printed holds
/// the loop's own CPU time and, in cutime/cstime, that of every process it waited for. That sum is what
/// <c>getrusage(RUSAGE_CHILDREN)</c> of its parent, or <c>/usr/bin/time</c>, would report: the truth.
/// The loop waits for a line on its standard input before it starts, so it can be moved into a cgroup first. It
/// runs under a shell of the same user that outlives it by <c>linger</c> seconds, as a user's login shell outlives
/// the make it ran: the loop is reaped by its own user, and a sample sees that shell after the loop ended.
/// </summary>
internal sealed class ShortLivedLoop : IDisposable
{
    private readonly Process _process;

    public ShortLivedLoop(int uid, int count, int iterations, int linger)
    {
        Uid = uid;
        string script = string.Create(CultureInfo.InvariantCulture, $$"""
            read go
            sh -c 'j=0
            while [ $j -lt {{count}} ]; do
              sh -c "i=0; while [ \$i -lt {{iterations}} ]; do i=\$((i+1)); done"
              j=$((j+1))
            done
            exec cat /proc/self/stat'
            sleep {{linger}}
            """);
        var start = new ProcessStartInfo("setpriv")
        {
            RedirectStandardInput = true,
            RedirectStandardOutput = true,
            UseShellExecute = false,
        };
        foreach (string arg in new[] { "--reuid", uid.ToString(CultureInfo.InvariantCulture), "--regid", uid.ToString(CultureInfo.InvariantCulture), "--clear-groups", "sh", "-c", script })
        {
            start.ArgumentList.Add(arg);
        }

        _process = Process.Start(start) ?? throw new InvalidOperationException("setpriv did not start");
    }

    /// <summary>The uid the loop runs as.</summary>
    public int Uid { get; }

    /// <summary>The loop's pid (setpriv execs the shell).</summary>
    public int Pid => _process.Id;

    /// <summary>Whether the loop has ended.</summary>
    public bool HasExited => _process.HasExited;

    /// <summary>Lets the loop start.</summary>
    public void Go()
    {
        _process.StandardInput.WriteLine("go");
        _process.StandardInput.Close();
    }

    /// <summary>Waits for the end and returns the CPU seconds of the loop and all it ran (ticks at USER_HZ).</summary>
    public double TruthSeconds(int ticksPerSecond)
    {
        string line = _process.StandardOutput.ReadToEnd();
        _process.WaitForExit();
        string[] f = line[(line.LastIndexOf(')') + 1)..].Split(' ', StringSplitOptions.RemoveEmptyEntries);

        // After the name: state is field 3, utime 14, stime 15, cutime 16, cstime 17 (proc_pid_stat(5)).
        long ticks = long.Parse(f[11], CultureInfo.InvariantCulture) + long.Parse(f[12], CultureInfo.InvariantCulture)
            + long.Parse(f[13], CultureInfo.InvariantCulture) + long.Parse(f[14], CultureInfo.InvariantCulture);
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

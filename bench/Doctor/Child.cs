using System.Diagnostics;

namespace SysMedic.Bench.Doctor;

/// <summary>
/// A program the benchmark started (a doctor or top), its output read and dropped. Disposing stops it by its own
/// pid only: SIGTERM, then SIGKILL if it has not ended within <see cref="Patience"/>.
/// </summary>
internal sealed class Child : IDisposable
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(10);

    private readonly Process _process;
    private readonly Queue<string> _lastLines = new();
    private bool _disposed;

    private Child(string label, Process process)
    {
        Label = label;
        _process = process;
    }

    public string Label { get; }

    public int Pid => _process.Id;

    public bool HasExited => _process.HasExited;

    /// <summary>The last lines the program wrote on standard error, for a message when it failed.</summary>
    public string LastErrors
    {
        get
        {
            lock (_lastLines)
            {
                return string.Join('\n', _lastLines);
            }
        }
    }

    /// <summary>Starts <paramref name="psi"/> with its output redirected and drained.</summary>
    public static Child Start(string label, ProcessStartInfo psi)
    {
        psi.UseShellExecute = false;
        psi.RedirectStandardOutput = true;
        psi.RedirectStandardError = true;
        psi.RedirectStandardInput = true;
        Process p = Process.Start(psi) ?? throw new InvalidOperationException($"{psi.FileName}: could not start");
        var child = new Child(label, p);
        p.OutputDataReceived += (_, _) => { };
        p.ErrorDataReceived += (_, e) => child.Keep(e.Data);
        p.BeginOutputReadLine();
        p.BeginErrorReadLine();
        return child;
    }

    /// <summary>SIGTERM to the pid; the exit code and how long the exit took, or null when it did not end in time.</summary>
    public (int ExitCode, TimeSpan Took)? Terminate()
    {
        var clock = Stopwatch.StartNew();
        if (!_process.HasExited)
        {
            _ = Native.Kill(_process.Id, Native.SigTerm);
        }

        return _process.WaitForExit(Patience) ? (_process.ExitCode, clock.Elapsed) : null;
    }

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited && Terminate() is null)
        {
            Console.Error.WriteLine($"cleanup: {Label} (pid {_process.Id}) did not end on SIGTERM; killing it");
            _process.Kill();
            _process.WaitForExit(Patience);
        }

        _process.Dispose();
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_lastLines)
        {
            _lastLines.Enqueue(line);
            if (_lastLines.Count > 20)
            {
                _ = _lastLines.Dequeue();
            }
        }
    }
}

using System.Diagnostics;

namespace SysMedic.Tests.Agent;

/// <summary>
/// A <c>sleep</c> that a test acts on: as this test's user, or as the uid given (through setpriv, which needs root);
/// killed on dispose if still there.
/// </summary>
internal sealed class SleepProcess : IDisposable
{
    private readonly Process _process;
    private bool _disposed;

    public SleepProcess(uint? uid = null, string seconds = "600")
    {
        ProcessStartInfo start = uid is { } id
            ? new ProcessStartInfo("setpriv", [$"--reuid={id}", $"--regid={id}", "--clear-groups", "sleep", seconds])
            : new ProcessStartInfo("sleep", [seconds]);
        start.UseShellExecute = false;
        _process = Process.Start(start)!;
        Pid = _process.Id;

        // setpriv execs sleep in place: the pid stays; wait until the exec happened so the name is sleep's.
        _ = DoctorProcess.WaitFor(() => Name == "sleep", TimeSpan.FromSeconds(10));
    }

    public int Pid { get; }

    /// <summary>The kernel's name of the process now ("" once it is gone).</summary>
    public string Name
    {
        get
        {
            try
            {
                return File.ReadAllText($"/proc/{Pid}/comm").Trim();
            }
            catch (IOException)
            {
                return "";
            }
        }
    }

    /// <summary>Its nice value now, from /proc/PID/stat.</summary>
    public int Nice
    {
        get
        {
            string stat = File.ReadAllText($"/proc/{Pid}/stat");
            return int.Parse(stat[(stat.LastIndexOf(')') + 2)..].Split(' ')[16], System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    /// <summary>Waits until the process has ended (and reaps it); false if it is still there after <paramref name="limit"/>.</summary>
    public bool WaitForExit(TimeSpan limit) => _process.WaitForExit(limit);

    public void Dispose()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}

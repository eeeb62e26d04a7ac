using System.Diagnostics;

namespace SysMedic.Tests.Agent;

/// <summary>
/// A shell loop that keeps one core busy (far over a 5% user threshold) as this test's user, or as the uid given
/// (through setpriv, which needs root); ended on dispose.
/// </summary>
internal sealed class BusyLoop : IDisposable
{
    private readonly Process _process;

    public BusyLoop(uint? uid = null)
    {
        ProcessStartInfo start = uid is { } id
            ? new ProcessStartInfo("setpriv", [$"--reuid={id}", $"--regid={id}", "--clear-groups", "/bin/sh", "-c", "while :; do :; done"])
            : new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]);
        start.UseShellExecute = false;
        _process = Process.Start(start)!;
    }

    public int Pid => _process.Id;

    public void Dispose()
    {
        if (!_process.HasExited)
        {
            _process.Kill();
            _process.WaitForExit(5000);
        }

        _process.Dispose();
    }
}

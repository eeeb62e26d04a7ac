using System.Diagnostics;

namespace SysMedic.Tests.Agent;

/// <summary>A shell loop that keeps one core busy as this test's user (far over a 5% user threshold); ended on dispose.</summary>
internal sealed class BusyLoop : IDisposable
{
    private readonly Process _process = Process.Start(new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]) { UseShellExecute = false })!;

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

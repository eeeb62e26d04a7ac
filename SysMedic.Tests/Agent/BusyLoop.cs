using System.Diagnostics;

namespace SysMedic.Tests.Agent;

/// <summary>
/// A shell loop that keeps one core busy (far over a 5% user threshold) as this test's user, or as the uid given
/// (through setpriv, which needs root); ended on dispose, and by the kernel if the test host dies first.
/// </summary>
internal sealed class BusyLoop : IDisposable
{
    /// <summary>
    /// A uid no account has (shown as the number): what runs under it in a test is the test's alone, whatever
    /// else the machine's users (root, nobody) are doing.
    /// </summary>
    public const uint TestUid = 61_234;

    private readonly Process _process;

    public BusyLoop(uint? uid = null)
    {
        ProcessStartInfo start = uid is { } id
            ? new ProcessStartInfo("setpriv", [$"--reuid={id}", $"--regid={id}", "--clear-groups", "--pdeathsig", "KILL", "/bin/sh", "-c", "while :; do :; done"])
            : new ProcessStartInfo("/bin/sh", ["-c", "while :; do :; done"]);
        start.UseShellExecute = false;
        _process = Process.Start(start)!;
    }

    public int Pid => _process.Id;

    /// <summary>Whether this process may start loops as another uid (it must be root).</summary>
    public static bool CanChangeUser => SysMedic.Core.ProcFs.LibC.geteuid() == 0;

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

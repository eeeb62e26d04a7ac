using System.Diagnostics;
using System.Globalization;

namespace SysMedic.Tests.Config;

/// <summary>Sends a real signal to this test process with kill(1), as an operator would.</summary>
internal static class Signals
{
    public static void SendToSelf(string signal)
    {
        using var kill = Process.Start("kill", ["-" + signal, Environment.ProcessId.ToString(CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
        if (kill.ExitCode != 0)
        {
            throw new InvalidOperationException($"kill -{signal} exited with {kill.ExitCode}");
        }
    }
}

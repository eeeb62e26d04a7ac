using System.Runtime.InteropServices;

namespace SysMedic.Tui.Commands;

/// <summary>kill(2), to send a daemon SIGTERM or SIGHUP.</summary>
internal static partial class NativeSignals
{
    internal const int SigHup = 1;
    internal const int SigTerm = 15;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    internal static partial int Kill(int pid, int signal);
}

using System.Runtime.InteropServices;

namespace SysMedic.Bench.Doctor;

/// <summary>The few libc calls the benchmark needs: a signal to one pid, and the kernel's clock tick.</summary>
internal static partial class Native
{
    public const int SigTerm = 15;

    private const int ScClkTck = 2;

    /// <summary>Ticks per second of the CPU times in /proc/[pid]/stat.</summary>
    public static long ClockTicks { get; } = SysConf(ScClkTck) is > 0 and var t ? t : 100;

    /// <summary>Sends <paramref name="signal"/> to <paramref name="pid"/>; false when it failed (e.g. the process is gone).</summary>
    public static bool Kill(int pid, int signal) => KillNative(pid, signal) == 0;

    [LibraryImport("libc", EntryPoint = "kill", SetLastError = true)]
    private static partial int KillNative(int pid, int sig);

    [LibraryImport("libc", EntryPoint = "sysconf")]
    private static partial long SysConf(int name);
}

using System.Runtime.InteropServices;

namespace SysMedic.Bench.Sampler;

/// <summary>
/// CPU time of the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID): user plus kernel time, so the work the
/// kernel does for /proc counts), which unlike wall time does not grow while other programs hold the cores.
/// </summary>
internal static partial class ThreadClock
{
    private const int ClockThreadCpuTimeId = 3;

    /// <summary>This thread's CPU time so far, in microseconds.</summary>
    public static double Micros()
    {
        _ = clock_gettime(ClockThreadCpuTimeId, out Timespec t);
        return (t.Seconds * 1e6) + (t.Nanoseconds / 1e3);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clock, out Timespec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

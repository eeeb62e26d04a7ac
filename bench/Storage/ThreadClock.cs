using System.Runtime.InteropServices;

namespace SysMedic.Bench.Storage;

/// <summary>
/// CPU time of the calling thread (clock_gettime CLOCK_THREAD_CPUTIME_ID): on a shared, busy machine it shows
/// the work done apart from the time spent waiting for a core.
/// </summary>
internal static partial class ThreadClock
{
    private const int ClockThreadCpuTimeId = 3;

    public static double NowMs()
    {
        return clock_gettime(ClockThreadCpuTimeId, out TimeSpec time) == 0 ? (time.Seconds * 1e3) + (time.Nanoseconds / 1e6) : double.NaN;
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clock, out TimeSpec time);

    [StructLayout(LayoutKind.Sequential)]
    private struct TimeSpec
    {
        public long Seconds;
        public long Nanoseconds;
    }
}

using System.Runtime.InteropServices;

namespace SysMedic.Bench.Sampler;

/// <summary>
/// CPU time of the calling thread (clock_gettime(CLOCK_THREAD_CPUTIME_ID): user plus kernel time, so the work the
/// kernel does for /proc counts), which unlike wall time does not grow while other programs hold the cores; and its
/// split between user and kernel (getrusage(RUSAGE_THREAD), sampled at the scheduler tick: exact only in sum).
/// </summary>
internal static unsafe partial class ThreadClock
{
    private const int ClockThreadCpuTimeId = 3;
    private const int RusageThread = 1;

    /// <summary>This thread's CPU time so far, in microseconds.</summary>
    public static double Micros()
    {
        long* t = stackalloc long[2];
        _ = clock_gettime(ClockThreadCpuTimeId, t);
        return (t[0] * 1e6) + (t[1] / 1e3);
    }

    /// <summary>This thread's user and kernel time so far, in microseconds.</summary>
    public static (double User, double Kernel) Usage()
    {
        // struct rusage starts with ru_utime and ru_stime (struct timeval: seconds, microseconds); 14 longs follow.
        long* r = stackalloc long[18];
        _ = getrusage(RusageThread, r);
        return ((r[0] * 1e6) + r[1], (r[2] * 1e6) + r[3]);
    }

    [LibraryImport("libc", EntryPoint = "clock_gettime")]
    private static partial int clock_gettime(int clock, long* time);

    [LibraryImport("libc", EntryPoint = "getrusage")]
    private static partial int getrusage(int who, long* usage);
}

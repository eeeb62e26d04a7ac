namespace SysMedic.Core.ProcFs;

/// <summary>Constants of the running kernel that /proc values are expressed in.</summary>
public static class HostParameters
{
    /// <summary>USER_HZ from sysconf(_SC_CLK_TCK); 100 on every mainstream Linux.</summary>
    public static int ClockTicksPerSecond { get; } = ReadClockTicks();

    private static int ReadClockTicks()
    {
        long ticks = OperatingSystem.IsLinux() ? LibC.sysconf(LibC.ScClkTck) : -1;
        return ticks > 0 ? (int)ticks : 100;
    }
}

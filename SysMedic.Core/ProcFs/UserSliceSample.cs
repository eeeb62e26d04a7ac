namespace SysMedic.Core.ProcFs;

/// <summary>
/// The counters of one systemd user slice, <c>user.slice/user-UID.slice</c> in the cgroup v2 hierarchy, at an
/// instant: its <c>cpu.stat</c> and its pressure files (null when absent or unreadable).
/// </summary>
public readonly record struct UserSliceSample(uint Uid, CgroupCpuStat Cpu, Pressure? CpuPressure, Pressure? MemoryPressure, Pressure? IoPressure);

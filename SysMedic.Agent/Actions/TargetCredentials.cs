namespace SysMedic.Agent.Actions;

/// <summary>
/// What the kernel's permission checks look at in the target process: its real, effective and saved user ids
/// (<c>/proc/PID/status</c>, <c>Uid:</c>), its nice value, and its RLIMIT_NICE soft limit (<c>/proc/PID/limits</c>,
/// "Max nice priority"; 0 by default, 40 when unlimited).
/// </summary>
public readonly record struct TargetCredentials(uint RealUid, uint EffectiveUid, uint SavedUid, int Nice, int NiceLimit);

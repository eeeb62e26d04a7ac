namespace SysMedic.Agent.Actions;

/// <summary>
/// kill(2) and setpriority(2)'s permission rules for a caller that is an ordinary process of user <c>uid</c>
/// (real = effective = saved = uid, no capabilities unless it is root), as the kernel applies them
/// (kernel/signal.c kill_ok_by_cred, kernel/sys.c set_one_prio_perm and can_nice). The doctor runs with more rights
/// than its clients: it checks these for the client's uid (SO_PEERCRED) before acting, so a client never gets more
/// than the kernel would give it directly.
/// </summary>
public static class ProcessPermissions
{
    /// <summary>
    /// Whether user <paramref name="uid"/> may signal the target: root (CAP_KILL) always; anyone else when their uid
    /// is the target's real or saved uid (not its effective one: a setuid program started by alice is alice's to
    /// signal, a program that dropped to alice's uid only for its effective uid is not).
    /// </summary>
    public static bool MaySignal(uint uid, TargetCredentials target) =>
        uid == 0 || uid == target.RealUid || uid == target.SavedUid;

    /// <summary>
    /// Whether user <paramref name="uid"/> may give the target nice value <paramref name="nice"/>: root (CAP_SYS_NICE)
    /// always; anyone else when their uid is the target's real or effective uid (else EPERM), and, to lower the nice
    /// value (raise the priority), only down to 20 - the target's RLIMIT_NICE (else EACCES).
    /// </summary>
    public static ActionFailure MayRenice(uint uid, TargetCredentials target, int nice)
    {
        if (uid == 0)
        {
            return ActionFailure.None;
        }

        if (uid != target.RealUid && uid != target.EffectiveUid)
        {
            return ActionFailure.NotPermitted;
        }

        return nice < target.Nice && 20 - nice > target.NiceLimit ? ActionFailure.NotPermitted : ActionFailure.None;
    }
}

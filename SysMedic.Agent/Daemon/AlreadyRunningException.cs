namespace SysMedic.Agent.Daemon;

/// <summary>A daemon found another instance holding its PID file.</summary>
public sealed class AlreadyRunningException(string message, int? runningPid) : Exception(message)
{
    /// <summary>The PID of the running instance, when its file names it.</summary>
    public int? RunningPid { get; } = runningPid;
}

namespace SysMedic.Agent.Protocol;

/// <summary>Who is on the other end of a Unix socket (SO_PEERCRED): process, user and group ids.</summary>
public readonly record struct PeerCredentials(int Pid, uint Uid, uint Gid)
{
    /// <summary>Unknown peer (not a Unix socket).</summary>
    public static PeerCredentials Unknown => new(0, uint.MaxValue, uint.MaxValue);
}

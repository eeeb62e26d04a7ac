namespace SysMedic.Core.Config;

/// <summary>
/// The system group whose members may read the configuration file with its secrets: the WebSocket relay's own group,
/// <c>sysmedic-relay</c>, so that the relay can run as an unprivileged user (packaging/systemd) and still read its
/// settings and secret. The file is then <c>root:sysmedic-relay</c>, mode 0640: writing a secret keeps that group's
/// read, and the loader does not warn about it. Every other group loses read when a secret is written.
/// </summary>
public static class ConfigReaders
{
    /// <summary>The group's name (also the relay's user name).</summary>
    public const string Group = "sysmedic-relay";

    /// <summary>The group's id on this host, or null when the group does not exist.</summary>
    public static uint? GroupId() => SystemGroups.IdOf(Group);
}

using System.CommandLine;

namespace SysMedic.Tui.Commands;

/// <summary>Options shared by several commands, declared once.</summary>
public static class CliOptions
{
    /// <summary>Global: the configuration file to use instead of the default location.</summary>
    public static readonly Option<string?> Config = new("--config")
    {
        Description = "Configuration file (default: /etc/sysmedic/config.yaml for root, else $XDG_CONFIG_HOME/sysmedic/config.yaml; also SYSMEDIC_CONFIG)",
        Recursive = true,
    };

    /// <summary>Runs the monitoring agent in the foreground (what systemd starts).</summary>
    public static readonly Option<bool> DoctorDaemon = new("--doctor-daemon")
    {
        Description = "Run the monitoring agent in the foreground (systemd)",
    };

    /// <summary>Runs the WebSocket relay in the foreground (what systemd starts).</summary>
    public static readonly Option<bool> WebSocketDaemon = new("--websocket-daemon")
    {
        Description = "Run the WebSocket relay in the foreground (systemd)",
    };

    /// <summary>The console's colours at start: dark, light, or a theme file's name.</summary>
    public static readonly Option<string?> Theme = new("--theme")
    {
        Description = "Console theme at start: dark (default), light, or the name of a .theme file",
    };

    /// <summary>The console attaches to a remote agent through its relay instead of this host.</summary>
    public static readonly Option<string?> Connect = new("--connect")
    {
        Description = "Console on a remote agent: sysmedic://HOST:PORT/ (sysmedics:// for TLS), the secret from --secret-file, SYSMEDIC_SECRET or hosts.yaml; sysmedic://SECRET@HOST:PORT/ works too but shows the secret in ps",
    };

    /// <summary>A file holding the relay's secret for <see cref="Connect"/>, so it is not on the command line.</summary>
    public static readonly Option<string?> SecretFile = new("--secret-file")
    {
        Description = "With --connect: read the relay's secret from this file (mode 0600) instead of the URL",
    };

    /// <summary>The console opens on the fleet: every host of hosts.yaml, one row each.</summary>
    public static readonly Option<bool> Fleet = new("--fleet")
    {
        Description = "Console on the fleet: every host of hosts.yaml (sysmedic hosts add), one row each, from their relays; Enter opens a host",
    };

    /// <summary>The console refuses every action key (signal, renice, resolve), as htop's --readonly.</summary>
    public static readonly Option<bool> ReadOnly = new("--readonly")
    {
        Description = "Console without actions: no signal (F9), nice (F7/F8) or resolving alerts (also console.readonly in the configuration)",
    };

    /// <summary>
    /// Hidden: read processes and system files from another /proc root (a fixture tree) instead of <c>/proc</c>, as
    /// node_exporter's <c>--path.procfs</c>; also <c>SYSMEDIC_PROC_ROOT</c>. The host name is then read from the
    /// root's <c>sys/kernel/hostname</c> when it has one.
    /// </summary>
    public static readonly Option<string?> ProcRoot = new("--proc-root")
    {
        Description = "Read /proc from this directory instead (tests)",
        Recursive = true,
        Hidden = true,
    };

    /// <summary>Hidden: the /sys root whose <c>fs/cgroup</c> holds the cgroup hierarchy; also <c>SYSMEDIC_SYS_ROOT</c>.</summary>
    public static readonly Option<string?> SysRoot = new("--sys-root")
    {
        Description = "Read /sys (cgroups) from this directory instead (tests)",
        Recursive = true,
        Hidden = true,
    };

    /// <summary>Hidden: the passwd file naming uids, so a fixture tree's users have fixed names; also <c>SYSMEDIC_PASSWD_FILE</c>.</summary>
    public static readonly Option<string?> PasswdFile = new("--passwd-file")
    {
        Description = "Name uids from this passwd file instead of /etc/passwd (tests)",
        Recursive = true,
        Hidden = true,
    };

    /// <summary>Machine-readable output: snake_case JSON.</summary>
    public static Option<bool> Json() => new("--json") { Description = "Print JSON (snake_case) instead of a table" };
}

using SysMedic.Core.Config;

namespace SysMedic.Agent.Daemon;

/// <summary>
/// Where the daemons keep what lasts only while they run: the doctor's socket and both PID files, in the runtime
/// directory (<c>/run/sysmedic</c> for root, <c>$XDG_RUNTIME_DIR/sysmedic</c> otherwise), never in <c>data_path</c>. So a
/// full data disk cannot keep the doctor from starting, and a <c>data_path</c> changed in the file cannot make
/// <c>daemon status|stop|start</c> lose the doctor that runs. <c>SYSMEDIC_SOCKET</c> moves the socket, and the runtime
/// directory with it: the PID files go beside the socket it names, so a second doctor on one host (or a test) has its
/// own set and never meets the system doctor's.
/// </summary>
public static class RuntimeFiles
{
    /// <summary>Environment variable naming another socket path; its directory becomes the runtime directory.</summary>
    public const string SocketVariable = "SYSMEDIC_SOCKET";

    /// <summary>Name of the doctor's socket inside the runtime directory.</summary>
    public const string SocketFileName = "doctor.sock";

    /// <summary>Name of the doctor's PID file, in the runtime directory (and in <c>data_path</c> before this layout).</summary>
    public const string DoctorPidFileName = "sysmedic.doctor.pid";

    /// <summary>Name of the relay's PID file, in <see cref="RelayDirectoryName"/> under the runtime directory.</summary>
    public const string RelayPidFileName = "sysmedic.websocket.pid";

    /// <summary>
    /// The relay's own directory under the runtime directory: the relay may run as another user than the doctor (its
    /// unit gives it this directory), and must not be able to write the doctor's.
    /// </summary>
    public const string RelayDirectoryName = "relay";

    /// <summary>Mode of a runtime directory SysMedic creates: everyone may reach the socket, whose own mode decides who may use it.</summary>
    public const UnixFileMode DirectoryMode = (UnixFileMode)0b111_101_101;

    /// <summary>The runtime directory: that of <c>SYSMEDIC_SOCKET</c> when it is set, else the current user's.</summary>
    public static string Directory() =>
        Environment.GetEnvironmentVariable(SocketVariable) is { Length: > 0 } socket
            ? Path.GetDirectoryName(Path.GetFullPath(socket))!
            : SysMedicPaths.ForCurrentUser().RuntimeDirectory;

    /// <summary>The doctor's socket: <c>SYSMEDIC_SOCKET</c>, else <c>doctor.sock</c> in the runtime directory.</summary>
    public static string SocketPath() =>
        Environment.GetEnvironmentVariable(SocketVariable) is { Length: > 0 } socket
            ? socket
            : Path.Combine(SysMedicPaths.ForCurrentUser().RuntimeDirectory, SocketFileName);

    /// <summary>The doctor's PID file.</summary>
    public static string DoctorPidPath() => Path.Combine(Directory(), DoctorPidFileName);

    /// <summary>The relay's PID file.</summary>
    public static string RelayPidPath() => Path.Combine(Directory(), RelayDirectoryName, RelayPidFileName);

    /// <summary>Where a daemon of an older version kept its PID file <paramref name="fileName"/>: <c>data_path</c>.</summary>
    public static string LegacyPidPath(SysMedicConfig config, string fileName) => Path.Combine(config.DataPath, fileName);

    /// <summary>
    /// The PID of a running daemon: from <paramref name="pidPath"/>, else from the file an older version kept in
    /// <c>data_path</c> (so an upgrade does not hide a doctor started before it).
    /// </summary>
    public static int? FindRunning(string pidPath, SysMedicConfig config) =>
        PidFile.FindRunning(pidPath) ?? PidFile.FindRunning(LegacyPidPath(config, Path.GetFileName(pidPath)));
}

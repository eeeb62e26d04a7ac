using SysMedic.Tests.Delivery;

namespace SysMedic.Tests.Agent;

/// <summary>
/// The real doctor and relay started from a shell whose umask is 022 (what a login shell has): what they write is
/// their owner's alone; only the socket (0660) and the runtime directory (0755) are open, to the sysmedic group.
/// </summary>
[NonParallelizable]
[CancelAfter(120_000)]
public class DaemonFileModesTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private static readonly string[] Umask022 = ["/bin/sh", "-c", "umask 022; exec \"$@\"", "sh"];
    private string _dir = "";

    [SetUp]
    public void Create() => _dir = Directory.CreateTempSubdirectory("sysmedic-modes-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void Database_wal_shm_logs_and_pid_files_are_0600_when_started_with_umask_022()
    {
        int port = FreePort.Next();
        using DoctorProcess doctor = DoctorProcess.StartWrapped(_dir, $"monitoring:\n  check_interval: 1\n  live_interval: 1\nwebsocket:\n  bind: 127.0.0.1\n  port: {port}\n", Umask022);
        string db = doctor.DatabasePath;
        Assert.That(DoctorProcess.WaitFor(() => File.Exists(db + "-wal") && File.Exists(db + "-shm") && File.Exists(doctor.SocketPath), Limit), Is.True, doctor.Errors);
        using DoctorProcess relay = DoctorProcess.StartRelayWrapped(_dir, Umask022);
        Assert.That(DoctorProcess.WaitFor(() => File.Exists(doctor.RelayPidPath) && Logs("websocket").Length > 0, Limit), Is.True, relay.Errors);

        string[] privateFiles = [db, db + "-wal", db + "-shm", doctor.PidPath, doctor.RelayPidPath, .. Logs("sysmedic"), .. Logs("websocket")];
        Assert.That(privateFiles.ToDictionary(f => f, File.GetUnixFileMode), Has.All.Property("Value").EqualTo(Private));
        Assert.That(File.GetUnixFileMode(doctor.SocketPath), Is.EqualTo(Private | UnixFileMode.GroupRead | UnixFileMode.GroupWrite));
        Assert.That(File.GetUnixFileMode(Path.Combine(_dir, "relay")), Is.EqualTo((UnixFileMode)0b111_101_101));
        Assert.That(File.GetUnixFileMode(Path.Combine(_dir, "config.yaml")), Is.EqualTo(Private), "the relay wrote its new secret");
    }

    private string[] Logs(string prefix) =>
        Directory.Exists(Path.Combine(_dir, "log")) ? Directory.GetFiles(Path.Combine(_dir, "log"), prefix + "*.log") : [];
}

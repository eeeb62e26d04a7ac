using SysMedic.Agent.Protocol;
using SysMedic.Core.Protocol;

namespace SysMedic.Tests.Agent;

/// <summary>The real doctor with its data_path on a tiny tmpfs filled to the last byte (mounted in a private mount namespace).</summary>
[CancelAfter(120_000)]
public class DoctorFullDiskTests
{
    private static readonly TimeSpan Limit = TimeSpan.FromSeconds(30);
    private string _dir = "";

    [SetUp]
    public void Create() => _dir = Directory.CreateTempSubdirectory("sysmedic-full-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    [Test]
    public async Task The_doctor_starts_and_monitors_with_its_data_disk_full()
    {
        if (Environment.UserName != "root" || !File.Exists("/usr/bin/unshare"))
        {
            Assert.Ignore("mounting a small tmpfs needs root and unshare(1)");
        }

        string data = Directory.CreateDirectory(Path.Combine(_dir, "data")).FullName;
        const string FillThenRun = """
            mount -t tmpfs -o size=64k tmpfs "$0" || exit 77
            dd if=/dev/zero of="$0/fill" bs=4k 2>/dev/null
            exec "$@"
            """;
        using DoctorProcess doctor = DoctorProcess.StartWrapped(_dir, "monitoring:\n  live_interval: 1\n",
            "/usr/bin/unshare", "--mount", "--propagation", "private", "/bin/sh", "-c", FillThenRun, data);
        if (DoctorProcess.WaitFor(() => doctor.HasExited, TimeSpan.FromSeconds(2)) && doctor.ExitCode == 77)
        {
            Assert.Ignore("this machine does not allow mounting a tmpfs: " + doctor.Errors.Trim());
        }

        Assert.That(DoctorProcess.WaitFor(() => File.Exists(doctor.SocketPath) || doctor.HasExited, Limit), Is.True);
        Assert.That(doctor.HasExited, Is.False, doctor.Errors);
        Assert.That(File.ReadAllText(doctor.PidPath), Is.EqualTo($"{doctor.Pid}\n"));

        await using LocalSocketClient client = await LocalSocketClient.ConnectAsync(doctor.SocketPath, Limit);
        var snapshots = new TaskCompletionSource<SnapshotMessage>(TaskCreationOptions.RunContinuationsAsynchronously);
        client.SnapshotReceived += s => snapshots.TrySetResult(s);
        SnapshotMessage first = await snapshots.Task.WaitAsync(Limit);
        Assert.That(first.Snapshot.Processes, Is.Not.Empty, "the doctor samples and serves snapshots with its data disk full");

        // What an operator sees: no stored check, when the doctor last sampled, and why nothing is stored.
        var status = new System.Diagnostics.ProcessStartInfo("dotnet") { UseShellExecute = false, RedirectStandardOutput = true };
        foreach (string arg in (string[])[Path.Combine(TestContext.CurrentContext.TestDirectory, "sysmedic.dll"), "daemon", "status", "--config", doctor.ConfigPath])
        {
            status.ArgumentList.Add(arg);
        }

        status.Environment["SYSMEDIC_SOCKET"] = doctor.SocketPath;
        using var run = System.Diagnostics.Process.Start(status)!;
        string said = await run.StandardOutput.ReadToEndAsync();
        await run.WaitForExitAsync();
        Assert.That(said, Does.Contain("last check: none stored; the doctor sampled at "), said);
        Assert.That(said, Does.Match(@"storage: unavailable since .* \(disk full\)"), said);
    }
}

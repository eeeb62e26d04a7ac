using System.Globalization;
using SysMedic.Agent.Daemon;

namespace SysMedic.Tests.Agent;

public class PidFileTests
{
    private string _dir = "";

    [SetUp]
    public void Create() => _dir = Directory.CreateTempSubdirectory("sysmedic-pid-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    private string PathOf(string name) => Path.Combine(_dir, name);

    [Test]
    public void Writes_this_process_id_and_removes_the_file_on_stop()
    {
        string path = PathOf("sysmedic.doctor.pid");
        using (PidFile.Acquire(path, "doctor"))
        {
            Assert.That(File.ReadAllText(path), Is.EqualTo(Environment.ProcessId.ToString(CultureInfo.InvariantCulture) + "\n"));
            Assert.That(PidFile.FindRunning(path), Is.EqualTo(Environment.ProcessId));
        }

        Assert.That(File.Exists(path), Is.False);
        Assert.That(PidFile.FindRunning(path), Is.Null);
    }

    [Test]
    public void A_second_instance_is_refused_with_the_running_pid()
    {
        string path = PathOf("sysmedic.doctor.pid");
        using PidFile first = PidFile.Acquire(path, "doctor");
        var ex = Assert.Throws<AlreadyRunningException>(() => PidFile.Acquire(path, "doctor"));
        Assert.That(ex!.RunningPid, Is.EqualTo(Environment.ProcessId));
        Assert.That(ex.Message, Does.Contain($"PID: {Environment.ProcessId}").And.Contain(path));
    }

    [Test]
    public void A_stale_file_from_a_crash_is_taken_over()
    {
        string path = PathOf("sysmedic.doctor.pid");
        File.WriteAllText(path, "999999\n");
        Assert.That(PidFile.FindRunning(path), Is.Null, "nobody holds the lock");
        using PidFile taken = PidFile.Acquire(path, "doctor");
        Assert.That(PidFile.ReadPid(path), Is.EqualTo(Environment.ProcessId));
    }

    [Test]
    public void A_file_naming_a_live_process_without_its_lock_is_stale_too()
    {
        string path = PathOf("sysmedic.websocket.pid");
        File.WriteAllText(path, "1\n");
        Assert.That(PidFile.FindRunning(path), Is.Null);
    }
}

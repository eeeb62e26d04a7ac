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

    [Test]
    [NonParallelizable]
    public void The_file_is_private_whatever_the_umask_even_when_an_older_one_was_open_to_all()
    {
        string path = PathOf("sysmedic.doctor.pid");
        SysMedic.Agent.Daemon.ProcessUmask.With(0, () =>
        {
            using (PidFile.Acquire(path, "doctor"))
            {
                Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "a new file");
            }

            File.WriteAllText(path, "999999\n");
            File.SetUnixFileMode(path, (UnixFileMode)0b110_100_100);
            using (PidFile.Acquire(path, "doctor"))
            {
                Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite), "a file left at 0644");
            }
        });
    }

    [Test]
    [NonParallelizable]
    public void A_missing_runtime_directory_is_made_reachable_by_everyone_whatever_the_umask()
    {
        string path = Path.Combine(_dir, "run", "relay", "sysmedic.websocket.pid");
        SysMedic.Agent.Daemon.ProcessUmask.With(0b000_111_111, () =>
        {
            using (PidFile.Acquire(path, "websocket relay"))
            {
                Assert.That(File.GetUnixFileMode(Path.Combine(_dir, "run")), Is.EqualTo((UnixFileMode)0b111_101_101));
                Assert.That(File.GetUnixFileMode(Path.Combine(_dir, "run", "relay")), Is.EqualTo((UnixFileMode)0b111_101_101));
            }
        });
    }

    [Test]
    public void A_daemon_whose_file_was_replaced_leaves_the_new_one_when_it_stops()
    {
        string path = PathOf("sysmedic.doctor.pid");
        PidFile first = PidFile.Acquire(path, "doctor");
        File.Delete(path);
        using PidFile second = PidFile.Acquire(path, "doctor");

        first.Dispose();

        Assert.That(File.Exists(path), Is.True);
        Assert.That(PidFile.FindRunning(path), Is.EqualTo(Environment.ProcessId));
    }

    [Test]
    public void A_symbolic_link_is_never_written_through()
    {
        string target = PathOf("precious");
        File.WriteAllText(target, "keep me\n");
        string path = PathOf("sysmedic.doctor.pid");
        File.CreateSymbolicLink(path, target);

        Assert.That(() => PidFile.Acquire(path, "doctor"), Throws.InstanceOf<IOException>().With.Message.Contains("symbolic link"));
        Assert.That(File.ReadAllText(target), Is.EqualTo("keep me\n"));
    }
}

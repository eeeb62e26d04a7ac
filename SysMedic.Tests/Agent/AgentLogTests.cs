using SysMedic.Agent.Logging;

namespace SysMedic.Tests.Agent;

/// <summary>New log files are private through the daemons' umask (DaemonFileModesTests); older ones are made so here.</summary>
public class AgentLogTests
{
    private const UnixFileMode Private = UnixFileMode.UserRead | UnixFileMode.UserWrite;
    private string _dir = "";

    [SetUp]
    public void Create() => _dir = Directory.CreateTempSubdirectory("sysmedic-log-").FullName;

    [TearDown]
    public void Remove() => Directory.Delete(_dir, recursive: true);

    [Test]
    public void A_log_file_an_earlier_version_left_open_to_all_is_made_private_when_written_again()
    {
        using (var first = AgentLog.Create(_dir, "sysmedic.log"))
        {
            first.Information("first");
        }

        string file = Directory.GetFiles(_dir, "sysmedic*.log").Single();
        File.SetUnixFileMode(file, (UnixFileMode)0b110_100_100);
        using (var again = AgentLog.Create(_dir, "sysmedic.log"))
        {
            again.Information("again");
        }

        Assert.That(File.GetUnixFileMode(file), Is.EqualTo(Private));
        Assert.That(Directory.GetFiles(_dir, "sysmedic*.log"), Has.Length.EqualTo(1));
    }
}

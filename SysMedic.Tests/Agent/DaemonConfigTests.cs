using SysMedic.Agent.Daemon;

namespace SysMedic.Tests.Agent;

public class DaemonConfigTests
{
    [Test]
    public void At_first_start_an_empty_file_means_the_defaults_and_says_so()
    {
        string dir = Directory.CreateTempSubdirectory("sysmedic-daemon-config-").FullName;
        try
        {
            string path = Path.Combine(dir, "config.yaml");
            File.WriteAllText(path, "\n");
            using var error = new StringWriter();

            var config = DaemonConfig.Load(path, error, "doctor");

            Assert.That(config, Is.Not.Null);
            Assert.That(config!.Monitoring.CpuThreshold, Is.EqualTo(80));
            Assert.That(error.ToString(), Is.EqualTo($"{path}: warning: the file is empty: the built-in defaults apply\n"));
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }
}

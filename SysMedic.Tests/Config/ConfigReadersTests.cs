using System.Runtime.Versioning;
using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

/// <summary>
/// The relay runs as its own user, in the group <c>sysmedic-relay</c>, and must read the configuration and its
/// secret: a file of that group stays readable by it when a secret is written, and is not warned about. The tests
/// stand in group 1 (daemon) for that group, since this machine has no sysmedic-relay.
/// </summary>
[SupportedOSPlatform("linux")]
public class ConfigReadersTests
{
    private const uint Readers = 1;
    private const UnixFileMode Mode0640 = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.GroupRead;
    private const UnixFileMode Mode0644 = Mode0640 | UnixFileMode.OtherRead;

    [Test]
    public void The_group_is_named_after_the_relay()
    {
        Assert.That(ConfigReaders.Group, Is.EqualTo("sysmedic-relay"));
    }

    [Test]
    public void A_private_write_leaves_the_configuration_readers_group_able_to_read()
    {
        if (Environment.UserName != "root")
        {
            Assert.Ignore("giving a file to another group needs root");
        }

        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", "monitoring:\n  cpu_threshold: 80\n");
        File.SetUnixFileMode(path, Mode0644);
        Assert.That(FileOwnershipForTests.SetGroup(path, Readers), Is.True);

        AtomicFile.Write(path, "websocket:\n  secret: \"0123456789abcdef0123\"\n"u8.ToArray(), @private: true, readerGroupId: Readers);

        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(Mode0640), "others lose read; the readers' group keeps it");
        Assert.That(FileOwnershipForTests.Group(path), Is.EqualTo(Readers));
    }

    [Test]
    public void A_private_write_closes_the_file_to_any_other_group()
    {
        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", "monitoring:\n  cpu_threshold: 80\n");
        File.SetUnixFileMode(path, Mode0644);
        AtomicFile.Write(path, "websocket:\n  secret: \"0123456789abcdef0123\"\n"u8.ToArray(), @private: true, readerGroupId: Readers);
        Assert.That(File.GetUnixFileMode(path), Is.EqualTo(UnixFileMode.UserRead | UnixFileMode.UserWrite));
    }

    [Test]
    public void A_secret_readable_only_by_the_readers_group_is_no_warning_but_by_any_other_group_it_is()
    {
        if (Environment.UserName != "root")
        {
            Assert.Ignore("giving a file to another group needs root");
        }

        using var dir = new TempDirectory();
        string path = dir.Write("config.yaml", "email:\n  password: \"hunter2\"\n");
        File.SetUnixFileMode(path, Mode0640);
        Assert.That(FileOwnershipForTests.SetGroup(path, Readers), Is.True);
        Assert.That(ConfigLoader.Load(path, ConfigFixtures.NoEnvironment, ConfigFixtures.RootLayout, readerGroupId: Readers).Diagnostics, Is.Empty);
        Assert.That(ConfigLoader.Load(path, ConfigFixtures.NoEnvironment, ConfigFixtures.RootLayout, readerGroupId: Readers + 1).Diagnostics.Single().ToString(),
            Does.Contain("the file holds a secret but is readable by others (mode 0640)"));

        File.SetUnixFileMode(path, Mode0644);
        Assert.That(ConfigLoader.Load(path, ConfigFixtures.NoEnvironment, ConfigFixtures.RootLayout, readerGroupId: Readers).Diagnostics, Has.Count.EqualTo(1), "others may read it");
    }
}

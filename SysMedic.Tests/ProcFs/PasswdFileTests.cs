using SysMedic.Core.ProcFs;

namespace SysMedic.Tests.ProcFs;

public class PasswdFileTests
{
    [Test]
    public void Names_uids_and_shows_unknown_ones_as_numbers()
    {
        var passwd = new PasswdFile(FixturePaths.Passwd);
        Assert.That(passwd.NameOf(1000), Is.EqualTo("alice"));
        Assert.That(passwd.NameOf(0), Is.EqualTo("root"));
        Assert.That(passwd.NameOf(1002), Is.EqualTo("1002"));
        Assert.That(passwd.UidOf("bob"), Is.EqualTo(1001));
    }

    [Test]
    public void Reads_the_file_again_when_it_changes()
    {
        string path = Path.Combine(Path.GetTempPath(), $"passwd-{Guid.NewGuid():N}");
        try
        {
            File.WriteAllText(path, "alice:x:1000:1000::/home/alice:/bin/sh\n");
            var passwd = new PasswdFile(path);
            Assert.That(passwd.NameOf(1001), Is.EqualTo("1001"));
            int version = passwd.Version;

            File.WriteAllText(path, "alice:x:1000:1000::/home/alice:/bin/sh\ncarol:x:1001:1001::/home/carol:/bin/sh\n");
            File.SetLastWriteTimeUtc(path, DateTime.UtcNow.AddMinutes(1));
            Assert.That(passwd.Refresh(), Is.True);
            Assert.That(passwd.Version, Is.GreaterThan(version));
            Assert.That(passwd.NameOf(1001), Is.EqualTo("carol"));
            Assert.That(passwd.Refresh(), Is.False);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Test]
    public void A_missing_file_names_everyone_by_number() =>
        Assert.That(new PasswdFile("/nonexistent/passwd").NameOf(0), Is.EqualTo("0"));
}

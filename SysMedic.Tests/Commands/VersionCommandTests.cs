namespace SysMedic.Tests.Commands;

public class VersionCommandTests
{
    [Test]
    public void Prints_version_commit_and_build_date()
    {
        var (code, output, _) = CliRunner.Run("version");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Match(@"^sysmedic \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,12}|unknown), built \d{4}-\d{2}-\d{2}T"));
    }
}

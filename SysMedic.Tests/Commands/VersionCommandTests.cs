namespace SysMedic.Tests.Commands;

public class VersionCommandTests
{
    [Test]
    public void Prints_version_commit_and_build_date()
    {
        var (code, output, _) = CliRunner.Run("version");
        Assert.That(code, Is.Zero);
        Assert.That(output, Does.Match(Shape));
    }

    [Test]
    public void The_cli_documentation_shows_the_same_line()
    {
        string docs = File.ReadAllText(Path.Combine(SysMedic.Tests.Config.ConfigFixtures.RepositoryRoot(), "docs", "cli.md"));
        string section = docs[docs.IndexOf("## `sysmedic version`", StringComparison.Ordinal)..];
        section = section[..section.IndexOf("\n## ", 5, StringComparison.Ordinal)];
        string[] examples = [.. section.Split('\n').Where(l => l.StartsWith("sysmedic ", StringComparison.Ordinal))];

        Assert.That(examples, Is.Not.Empty, "the section shows an example of the output");
        Assert.That(examples, Has.All.Match(Shape));
    }

    private const string Shape = @"^sysmedic \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,12}|unknown), built (\d{4}-\d{2}-\d{2}T\S+|unknown)\)\s*$";
}

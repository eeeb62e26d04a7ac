using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

public class ConfigDocumentationTests
{
    [Test]
    public void Docs_list_every_key_with_its_default()
    {
        string docs = File.ReadAllText(Path.Combine(ConfigFixtures.RepositoryRoot(), "docs", "config.md"));
        var defaults = SysMedicConfig.DefaultsFor(ConfigFixtures.RootLayout);
        foreach (var key in ConfigKeys.All)
        {
            string value = key.Format(defaults, redact: false);
            string shown = value.StartsWith('"') && value.Contains('/', StringComparison.Ordinal) ? value.Trim('"') : value;
            Assert.That(docs, Does.Contain($"| `{key.Path}` | `{shown}`").Or.Contain($"| `{key.Path}` | `{shown}.0`"), key.Path);
        }
    }
}

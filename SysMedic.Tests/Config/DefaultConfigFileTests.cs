using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

public class DefaultConfigFileTests
{
    [Test]
    public void The_built_in_copy_is_assets_config_yaml()
    {
        string onDisk = File.ReadAllText(Path.Combine(ConfigFixtures.RepositoryRoot(), "assets", "config.yaml"));
        Assert.That(DefaultConfigFile.Text, Is.EqualTo(onDisk));
    }

    [Test]
    public void The_default_file_loads_without_any_warning()
    {
        var result = ConfigFixtures.LoadText(DefaultConfigFile.Text, "assets/config.yaml");
        Assert.That(result.Diagnostics, Is.Empty);
    }

    [Test]
    public void The_default_file_equals_the_built_in_defaults_for_root_and_for_a_user()
    {
        var user = SysMedicPaths.For(root: false, k => k == "HOME" ? "/home/alice" : null);
        foreach (var layout in new[] { ConfigFixtures.RootLayout, user })
        {
            var result = ConfigLoader.LoadText(DefaultConfigFile.Text, "assets/config.yaml", null, layout);
            Assert.That(ConfigDiff.Compare(SysMedicConfig.DefaultsFor(layout), result.Config), Is.Empty);
        }
    }

    [Test]
    public void The_default_file_mentions_every_key()
    {
        foreach (var key in ConfigKeys.All)
        {
            Assert.That(DefaultConfigFile.Text, Does.Contain(key.Name + ":"), key.Path);
        }
    }
}

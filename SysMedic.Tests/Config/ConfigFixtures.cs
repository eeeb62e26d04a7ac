using SysMedic.Core.Config;

namespace SysMedic.Tests.Config;

/// <summary>Where the configuration fixtures and the repository files live, and the file layouts the tests use.</summary>
internal static class ConfigFixtures
{
    /// <summary>The system layout (root), whose defaults are what assets/config.yaml documents.</summary>
    public static readonly SysMedicPaths RootLayout = SysMedicPaths.For(root: true, _ => null);

    /// <summary>No environment overrides.</summary>
    public static readonly IReadOnlyDictionary<string, string> NoEnvironment = new Dictionary<string, string>();

    public static string Directory(string kind) => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures", "config", kind);

    public static string File(string kind, string name) => Path.Combine(Directory(kind), name);

    public static IEnumerable<string> Names(string kind) =>
        System.IO.Directory.GetFiles(Path.Combine(AppContext.BaseDirectory, "Fixtures", "config", kind), "*.yaml").Select(Path.GetFileName).Order()!;

    /// <summary>The checkout's root (where SysMedic.sln is), for assets/ and docs/.</summary>
    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory); dir is not null; dir = dir.Parent)
        {
            if (System.IO.File.Exists(Path.Combine(dir.FullName, "SysMedic.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("SysMedic.sln not found above the test directory");
    }

    public static ConfigLoadResult Load(string path) => ConfigLoader.Load(path, NoEnvironment, RootLayout);

    public static ConfigLoadResult LoadText(string text, string source = "config.yaml") => ConfigLoader.LoadText(text, source, NoEnvironment, RootLayout);
}

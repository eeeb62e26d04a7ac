using System.Text.Json.Nodes;
using SysMedic.Tests.Packaging;

namespace SysMedic.Tests.Commands;

/// <summary>
/// Compares a command's JSON with a checked-in expected file under Fixtures/golden, as JSON values (so indentation
/// and escapes do not matter). With <c>SYSMEDIC_UPDATE_GOLDEN=1</c> the expected file in the source tree is
/// rewritten from the output instead, and the test is reported inconclusive, to be read in the diff and committed.
/// </summary>
internal static class GoldenOutput
{
    public static void AssertMatches(string name, JsonNode actual)
    {
        string expectedPath = Path.Combine(FixturePaths.Root, "golden", name);
        string text = actual.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }) + "\n";
        if (Environment.GetEnvironmentVariable("SYSMEDIC_UPDATE_GOLDEN") == "1")
        {
            File.WriteAllText(PackagingTools.RepoFile("SysMedic.Tests", "Fixtures", "golden", name), text);
            Assert.Inconclusive($"{name} rewritten from the output");
        }

        Assert.That(File.Exists(expectedPath), Is.True, $"{name} is missing; run with SYSMEDIC_UPDATE_GOLDEN=1 to write it");
        JsonNode expected = JsonNode.Parse(File.ReadAllText(expectedPath))!;
        if (!JsonNode.DeepEquals(expected, actual))
        {
            string got = Path.Combine(Path.GetTempPath(), "sysmedic-golden-" + name);
            File.WriteAllText(got, text);
            Assert.Fail($"the output differs from Fixtures/golden/{name}; it is in {got} (diff them)");
        }
    }

    /// <summary>Replaces the value at <paramref name="path"/> (property names from the root) with a placeholder.</summary>
    public static void Normalise(JsonNode root, string placeholder, params string[] path)
    {
        JsonNode node = root;
        foreach (string step in path[..^1])
        {
            node = node[step]!;
        }

        node[path[^1]] = placeholder;
    }
}

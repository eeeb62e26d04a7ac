namespace SysMedic.Tests;

/// <summary>Locations of the checked-in fixtures, copied beside the test assembly.</summary>
internal static class FixturePaths
{
    public static string Root => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures");

    public static string Proc(string tree) => Path.Combine(Root, "proc", tree);

    public static string Passwd => Path.Combine(Root, "proc", "passwd");

    public static byte[] ProcFile(string tree, string relative) => File.ReadAllBytes(Path.Combine(Proc(tree), relative));
}

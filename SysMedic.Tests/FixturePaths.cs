namespace SysMedic.Tests;

/// <summary>Locations of the checked-in fixtures, copied beside the test assembly.</summary>
internal static class FixturePaths
{
    public static string Root => Path.Combine(TestContext.CurrentContext.TestDirectory, "Fixtures");

    public static string Proc(string tree) => Path.Combine(Root, "proc", tree);

    /// <summary>The /sys tree beside a /proc tree (<c>t0</c>, <c>t1</c>, <c>legacy</c>, <c>broken</c>).</summary>
    public static string Sys(string tree) => Path.Combine(Root, "sys", tree);

    /// <summary>A /sys root that does not exist: a host read without cgroups.</summary>
    public static string NoSys => Path.Combine(Root, "sys", "none");

    public static string Passwd => Path.Combine(Root, "proc", "passwd");

    public static byte[] ProcFile(string tree, string relative) => File.ReadAllBytes(Path.Combine(Proc(tree), relative));
}

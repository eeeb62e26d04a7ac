using System.Diagnostics;

namespace SysMedic.Tests.Packaging;

/// <summary>The repository's files and the real tools (dpkg-deb, rpm, systemd-analyze, bash) the packaging tests run.</summary>
internal static class PackagingTools
{
    /// <summary>A path under the repository root (the directory holding SysMedic.sln).</summary>
    public static string RepoFile(params string[] parts)
    {
        var dir = new DirectoryInfo(TestContext.CurrentContext.TestDirectory);
        while (dir is not null && !File.Exists(Path.Combine(dir.FullName, "SysMedic.sln")))
        {
            dir = dir.Parent;
        }

        return Path.Combine([dir?.FullName ?? throw new DirectoryNotFoundException("SysMedic.sln not found above the tests"), .. parts]);
    }

    /// <summary>The sysmedic app host built beside the tests: a real ELF file for the packages to carry.</summary>
    public static string BuiltBinary()
    {
        string path = Path.Combine(TestContext.CurrentContext.TestDirectory, "sysmedic");
        return File.Exists(path) ? path : throw new FileNotFoundException("the sysmedic app host is not beside the tests", path);
    }

    /// <summary>The first of <paramref name="names"/> found on PATH, or null.</summary>
    public static string? Find(string name) =>
        (Environment.GetEnvironmentVariable("PATH") ?? "/usr/bin:/bin").Split(':')
            .Select(dir => Path.Combine(dir, name))
            .FirstOrDefault(File.Exists);

    /// <summary>Skips the test when <paramref name="tool"/> is missing (packaging/README.md names the package).</summary>
    public static string Require(string tool, string package)
    {
        string? path = Find(tool);
        if (path is null)
        {
            RequiredTool.Missing($"{tool} is not installed (apt-get install {package})");
        }

        return path!;
    }

    /// <summary>Runs a program to the end; stdout and stderr together.</summary>
    public static (int Code, string Output) Run(string file, params string[] args)
    {
        var psi = new ProcessStartInfo(file) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (string a in args)
        {
            psi.ArgumentList.Add(a);
        }

        using Process p = Process.Start(psi)!;
        Task<string> err = p.StandardError.ReadToEndAsync();
        string output = p.StandardOutput.ReadToEnd();
        p.WaitForExit();
        return (p.ExitCode, output + err.Result);
    }

    /// <summary>Runs a program that must succeed, and returns its output.</summary>
    public static string Succeed(string file, params string[] args)
    {
        var (code, output) = Run(file, args);
        Assert.That(code, Is.Zero, $"{file} {string.Join(' ', args)} failed:\n{output}");
        return output;
    }

    /// <summary>True when the tests run as root (owners can then be checked).</summary>
    public static bool IsRoot => Environment.UserName == "root";

    /// <summary>
    /// <c>systemd-analyze security --offline=true</c>'s overall exposure of a unit (lower is safer), measured on a copy
    /// named <paramref name="name"/>; the test is ignored where systemd-analyze is missing.
    /// </summary>
    public static double Exposure(string unitText, string name)
    {
        if (!File.Exists("/usr/bin/systemd-analyze"))
        {
            RequiredTool.Missing("systemd-analyze is not installed (.ci/setup installs it)");
        }

        string dir = Directory.CreateTempSubdirectory("sysmedic-unit-").FullName;
        try
        {
            string copy = Path.Combine(dir, name);
            File.WriteAllText(copy, unitText);
            var (_, output) = Run("/usr/bin/systemd-analyze", "security", "--offline=true", "--no-pager", copy);
            var m = System.Text.RegularExpressions.Regex.Match(output, @"Overall exposure level for \S+: (\d+\.\d+)");
            Assert.That(m.Success, Is.True, output);
            return double.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    /// <summary>The systemd unit files packaging/systemd holds: every one is packaged and verified.</summary>
    public static IEnumerable<string> UnitNames() =>
        Directory.EnumerateFiles(RepoFile("packaging", "systemd"), "*.service").Select(Path.GetFileName).Order().Cast<string>();
}

using SysMedic.Tests.Packaging;

namespace SysMedic.Tests.Prometheus;

/// <summary>The real promtool and prometheus of Debian's prometheus package (.ci/setup installs it).</summary>
internal static class PromTool
{
    /// <summary>promtool's path; the test is skipped when it is missing.</summary>
    public static string Require() => Require("promtool");

    /// <summary>The Prometheus server's path; the test is skipped when it is missing.</summary>
    public static string RequireServer() => Require("prometheus");

    private static string Require(string tool)
    {
        string path = "/usr/bin/" + tool;
        if (!File.Exists(path))
        {
            RequiredTool.Missing($"{tool} is not installed (Debian package prometheus; .ci/setup installs it)");
        }

        return path;
    }

    /// <summary>Runs promtool with <paramref name="args"/> in <paramref name="directory"/>; its exit code and output.</summary>
    public static (int Code, string Output) Run(string directory, params string[] args)
    {
        string promtool = Require();
        return PackagingTools.Run("/usr/bin/env", ["-C", directory, promtool, .. args]);
    }
}

using System.CommandLine;
using System.Reflection;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic version</c>: version, commit and build date.</summary>
public static class VersionCommand
{
    public static Command Create()
    {
        var command = new Command("version", "Print the version, commit and build date");
        command.SetAction(parsed =>
        {
            parsed.InvocationConfiguration.Output.WriteLine($"sysmedic {Describe()}");
            return SysMedicCli.Ok;
        });
        return command;
    }

    /// <summary>Version, commit and build date: <c>0.1.0 (commit 3f2a9c1d0e4b, built 2026-11-26T09:58:00Z)</c>.</summary>
    public static string Describe()
    {
        var assembly = typeof(VersionCommand).Assembly;
        string informational = assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";

        // The SDK appends "+<commit>" to the informational version when it builds from a git checkout.
        int plus = informational.IndexOf('+', StringComparison.Ordinal);
        string version = plus < 0 ? informational : informational[..plus];
        string commit = plus < 0 ? "unknown" : informational[(plus + 1)..][..Math.Min(12, informational.Length - plus - 1)];
        string built = assembly.GetCustomAttributes<AssemblyMetadataAttribute>().FirstOrDefault(a => a.Key == "BuildDate")?.Value ?? "unknown";
        return $"{version} (commit {commit}, built {built})";
    }

    /// <summary>The version number alone, e.g. <c>0.1.0</c>.</summary>
    public static string Number() => Describe().Split(' ')[0];
}

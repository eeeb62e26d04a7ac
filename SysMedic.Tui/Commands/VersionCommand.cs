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

    /// <summary>The informational version, e.g. <c>0.1.0+3f2a9c1</c>.</summary>
    public static string Describe()
    {
        var assembly = typeof(VersionCommand).Assembly;
        return assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion
            ?? assembly.GetName().Version?.ToString()
            ?? "unknown";
    }
}

using System.CommandLine;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic config path</c>: the configuration file in use (a note on stderr when it does not exist).</summary>
public static class ConfigPathCommand
{
    public static Command Create()
    {
        var command = new Command("path", "Print the configuration file in use");
        command.SetAction(parsed =>
        {
            string path = CliConfig.ResolvePath(parsed);
            parsed.InvocationConfiguration.Output.WriteLine(path);
            if (!File.Exists(path))
            {
                parsed.InvocationConfiguration.Error.WriteLine($"sysmedic: {path} does not exist; the built-in defaults are in use");
            }

            return SysMedicCli.Ok;
        });
        return command;
    }
}

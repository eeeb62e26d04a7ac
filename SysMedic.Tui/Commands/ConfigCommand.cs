using System.CommandLine;

namespace SysMedic.Tui.Commands;

/// <summary><c>sysmedic config show|set KEY VALUE|validate [FILE]|path</c>.</summary>
public static class ConfigCommand
{
    public static Command Create()
    {
        var command = new Command("config", "Show, change or check the configuration");
        command.Subcommands.Add(ConfigShowCommand.Create());
        command.Subcommands.Add(ConfigSetCommand.Create());
        command.Subcommands.Add(ConfigValidateCommand.Create());
        command.Subcommands.Add(ConfigPathCommand.Create());
        return command;
    }
}

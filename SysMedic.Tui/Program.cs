using SysMedic.Tui.Commands;

namespace SysMedic.Tui;

/// <summary>The one sysmedic executable: console, CLI commands and both daemons.</summary>
public static class Program
{
    public static int Main(string[] args) => SysMedicCli.Run(args, Console.Out, Console.Error);
}

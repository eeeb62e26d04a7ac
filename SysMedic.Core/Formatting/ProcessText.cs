namespace SysMedic.Core.Formatting;

/// <summary>
/// How a process's name and command are shown, in the console and the CLI alike, always through
/// <see cref="SafeText"/>. A process without a command line (a kernel thread, a zombie) shows its name in brackets, as
/// ps does; an empty name (a process may set one with prctl) shows as <see cref="NoName"/>, never as <c>[]</c>.
/// </summary>
public static class ProcessText
{
    /// <summary>What stands for an empty name.</summary>
    public const string NoName = "(no name)";

    /// <summary>The name, safe for a terminal; <see cref="NoName"/> when it is empty.</summary>
    public static string Name(string name) => name.Length == 0 ? NoName : SafeText.ForTerminal(name);

    /// <summary>The command line, else the name in brackets, else <see cref="NoName"/>; safe for a terminal.</summary>
    public static string Command(string cmdline, string name) =>
        cmdline.Length > 0 ? SafeText.ForTerminal(cmdline)
        : name.Length > 0 ? "[" + SafeText.ForTerminal(name) + "]"
        : NoName;
}

using System.CommandLine;
using SysMedic.Core.Config;

namespace SysMedic.Tui.Commands;

/// <summary>
/// How every command finds and loads the configuration: <c>--config</c>, else <c>SYSMEDIC_CONFIG</c>, else the
/// current user's default file; environment overrides applied; an invalid file ends the command with exit code 2.
/// </summary>
public static class CliConfig
{
    /// <summary>The configuration file this invocation uses.</summary>
    public static string ResolvePath(ParseResult parsed) => ResolvePath(parsed.GetValue(CliOptions.Config), Environment.GetEnvironmentVariable);

    /// <summary>The file named by <paramref name="option"/>, else by <c>SYSMEDIC_CONFIG</c> in <paramref name="env"/>, else the default.</summary>
    public static string ResolvePath(string? option, Func<string, string?> env) =>
        option is { Length: > 0 } ? option
        : env(ConfigEnvironment.ConfigFileVariable) is { Length: > 0 } fromEnv ? fromEnv
        : SysMedicPaths.ForCurrentUser().ConfigFile;

    /// <summary>
    /// Loads the configuration for a command: warnings go to stderr; on an invalid configuration the errors go to
    /// stderr and <see cref="CliUsageException"/> ends the command with exit code 2.
    /// </summary>
    public static SysMedicConfig Load(ParseResult parsed) =>
        Require(ConfigLoader.LoadForCurrentUser(ResolvePath(parsed)), parsed.InvocationConfiguration.Error);

    /// <summary>The loaded configuration, after printing its problems to <paramref name="error"/>; throws when it has errors.</summary>
    public static SysMedicConfig Require(ConfigLoadResult result, TextWriter error)
    {
        Print(result, error);
        if (!result.IsValid)
        {
            int errors = result.Errors.Count();
            throw new CliUsageException($"{result.Path}: invalid configuration ({errors} error{(errors == 1 ? "" : "s")}); nothing was done");
        }

        return result.Config;
    }

    /// <summary>Prints every diagnostic of <paramref name="result"/>, one per line.</summary>
    public static void Print(ConfigLoadResult result, TextWriter error)
    {
        foreach (var diagnostic in result.Diagnostics)
        {
            error.WriteLine(diagnostic);
        }
    }
}

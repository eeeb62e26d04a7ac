using System.CommandLine;
using SysMedic.Core.Config;
using SysMedic.Core.Sampling;

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

    /// <summary>
    /// Sampler settings for <paramref name="config"/> on this invocation's host: the live one, or the fixture roots of
    /// the hidden <c>--proc-root</c>, <c>--sys-root</c> and <c>--passwd-file</c> (or <c>SYSMEDIC_PROC_ROOT</c>,
    /// <c>SYSMEDIC_SYS_ROOT</c>, <c>SYSMEDIC_PASSWD_FILE</c>).
    /// </summary>
    public static SamplerOptions SamplerOptions(ParseResult parsed, SysMedicConfig config) =>
        SamplerOptions(config, parsed.GetValue(CliOptions.ProcRoot), parsed.GetValue(CliOptions.SysRoot), parsed.GetValue(CliOptions.PasswdFile), Environment.GetEnvironmentVariable);

    /// <summary>The sampler settings of <paramref name="config"/> with the roots given, else those named in <paramref name="env"/>.</summary>
    public static SamplerOptions SamplerOptions(SysMedicConfig config, string? procRoot, string? sysRoot, string? passwdFile, Func<string, string?> env)
    {
        ArgumentNullException.ThrowIfNull(config);
        ArgumentNullException.ThrowIfNull(env);
        SamplerOptions options = config.ToSamplerOptions();
        string? proc = First(procRoot, env("SYSMEDIC_PROC_ROOT"));
        if (proc is not null)
        {
            // A fixture tree names its host in proc/sys/kernel/hostname, as the live /proc does.
            string hostnameFile = Path.Combine(proc, "sys", "kernel", "hostname");
            options = options with
            {
                ProcRoot = proc,
                Hostname = File.Exists(hostnameFile) ? File.ReadAllText(hostnameFile).Trim() : options.Hostname,
            };
        }

        if (First(sysRoot, env("SYSMEDIC_SYS_ROOT")) is { } sys)
        {
            options = options with { SysRoot = sys };
        }

        if (First(passwdFile, env("SYSMEDIC_PASSWD_FILE")) is { } passwd)
        {
            options = options with { PasswdPath = passwd };
        }

        return options;
    }

    private static string? First(string? option, string? variable) =>
        option is { Length: > 0 } ? option : variable is { Length: > 0 } ? variable : null;

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

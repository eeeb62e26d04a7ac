using System.CommandLine;
using SysMedic.Core.Config;

namespace SysMedic.Tui.Commands;

/// <summary>
/// <c>sysmedic config validate [FILE]</c>: every problem of the file (and of the <c>SYSMEDIC_*</c> overrides) on
/// stderr, one line each with file, line and column; a verdict on stdout; exit code 2 when invalid.
/// </summary>
public static class ConfigValidateCommand
{
    public static Command Create()
    {
        var file = new Argument<string?>("FILE") { Description = "The file to check (default: the configuration in use)", Arity = ArgumentArity.ZeroOrOne };
        var command = new Command("validate", "Check a configuration file; exit code 2 when it is invalid");
        command.Arguments.Add(file);
        command.SetAction(parsed =>
        {
            string? explicitFile = parsed.GetValue(file);
            return Execute(explicitFile ?? CliConfig.ResolvePath(parsed), explicitFile is not null,
                parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error);
        });
        return command;
    }

    /// <summary>Checks <paramref name="path"/>; a missing file is an error only when it was named explicitly.</summary>
    public static int Execute(string path, bool named, TextWriter output, TextWriter error)
    {
        if (named && !File.Exists(path) && !Directory.Exists(path))
        {
            error.WriteLine($"sysmedic: {path}: no such file");
            return SysMedicCli.BadUsage;
        }

        var result = ConfigLoader.LoadForCurrentUser(path);
        CliConfig.Print(result, error);
        int errors = result.Errors.Count();
        int warnings = result.Diagnostics.Count - errors;
        string counts = (errors > 0 ? Plural(errors, "error") : "") + (errors > 0 && warnings > 0 ? ", " : "") + (warnings > 0 ? Plural(warnings, "warning") : "");
        string verdict = !result.FileExists ? "not found; the built-in defaults are in use" : result.IsValid ? "valid" : "invalid";
        output.WriteLine($"{path}: {verdict}{(counts.Length > 0 ? $" ({counts})" : "")}");
        return result.IsValid ? SysMedicCli.Ok : SysMedicCli.BadUsage;
    }

    private static string Plural(int n, string noun) => $"{n} {noun}{(n == 1 ? "" : "s")}";
}

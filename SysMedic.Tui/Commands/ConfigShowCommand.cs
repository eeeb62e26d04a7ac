using System.CommandLine;
using SysMedic.Core.Config;

namespace SysMedic.Tui.Commands;

/// <summary>
/// <c>sysmedic config show</c>: every key with its effective value, secrets redacted, and for each value that was set
/// where it came from (file and line, or environment variable).
/// </summary>
public static class ConfigShowCommand
{
    // Origin notes start in this column after the value, or two spaces after a longer value.
    private const int ValueWidth = 21;

    public static Command Create()
    {
        var command = new Command("show", "Print the effective configuration (secrets redacted) and where each value came from");
        command.SetAction(parsed =>
        {
            var result = ConfigLoader.LoadForCurrentUser(CliConfig.ResolvePath(parsed));
            CliConfig.Require(result, parsed.InvocationConfiguration.Error);
            Write(result, parsed.InvocationConfiguration.Output);
            return SysMedicCli.Ok;
        });
        return command;
    }

    /// <summary>Prints <paramref name="result"/> as <c>key  value</c> lines in file order, with <c># origin</c> after non-default values.</summary>
    public static void Write(ConfigLoadResult result, TextWriter output)
    {
        output.WriteLine(result.FileExists
            ? $"# configuration: {result.Path}"
            : $"# configuration: {result.Path} (not found: built-in defaults)");
        var values = ConfigDiff.Values(result.Config, redact: true).ToList();
        int keyWidth = values.Max(v => v.Key.Path.Length) + 2;
        foreach (var (key, value) in values)
        {
            // A file that repeats a default (as the documented default file does) is not worth a note; the environment always is.
            var origin = result.OriginOf(key.Path);
            bool note = origin.Source == ConfigSource.Environment || (origin.Source == ConfigSource.File && value != key.Format(result.Defaults, redact: true));
            string line = key.Path.PadRight(keyWidth) + (note ? value.PadRight(ValueWidth - 2) + "  # " + origin.Describe() : value);
            output.WriteLine(line.TrimEnd());
        }
    }
}

using System.CommandLine;
using SysMedic.Core.Config;

namespace SysMedic.Tui.Commands;

/// <summary>
/// <c>sysmedic config set KEY VALUE</c>: changes one value in the file, keeping everything else the operator wrote;
/// refuses (exit 2, file untouched) a value or a resulting file that is not valid.
/// </summary>
public static class ConfigSetCommand
{
    public static Command Create()
    {
        var key = new Argument<string>("KEY") { Description = "Dotted key, e.g. monitoring.cpu_threshold or user_thresholds.alice.cpu_threshold" };
        var value = new Argument<string>("VALUE") { Description = "The new value; lists as [\"a\",\"b\"]" };
        var command = new Command("set", "Change one configuration value, keeping the file's comments and layout");
        command.Arguments.Add(key);
        command.Arguments.Add(value);
        command.SetAction(parsed => Execute(CliConfig.ResolvePath(parsed), parsed.GetValue(key)!, parsed.GetValue(value)!,
            parsed.InvocationConfiguration.Output, parsed.InvocationConfiguration.Error));
        return command;
    }

    /// <summary>Sets <paramref name="keyPath"/> in <paramref name="path"/>; returns the exit code.</summary>
    public static int Execute(string path, string keyPath, string valueText, TextWriter output, TextWriter error)
    {
        var result = ConfigSetter.Set(path, keyPath, valueText, SysMedicPaths.ForCurrentUser());
        foreach (string message in result.Messages)
        {
            error.WriteLine(result.Status == ConfigSetStatus.Written ? message : $"sysmedic: {message}");
        }

        if (result.Status != ConfigSetStatus.Written)
        {
            return result.Status == ConfigSetStatus.Invalid ? SysMedicCli.BadUsage : SysMedicCli.Failed;
        }

        output.WriteLine($"{keyPath}: {result.OldValue} -> {result.NewValue} ({(result.Created ? "created " : "")}{path})");
        if (ConfigKeys.Find(keyPath) is { } key && Environment.GetEnvironmentVariable(key.EnvironmentVariable) is not null)
        {
            error.WriteLine($"sysmedic: note: {key.EnvironmentVariable} is set and overrides this value here");
        }

        return SysMedicCli.Ok;
    }
}

using System.Text;

namespace SysMedic.Core.Config;

/// <summary>
/// Loads the configuration: built-in defaults, then the file, then <c>SYSMEDIC_*</c> environment overrides, then the
/// checks that span several keys. Never throws for bad input: every problem becomes a <see cref="ConfigDiagnostic"/>.
/// </summary>
public static class ConfigLoader
{
    /// <summary>Loads <paramref name="path"/> with the process environment and the current user's file layout.</summary>
    public static ConfigLoadResult LoadForCurrentUser(string path) =>
        Load(path, ConfigEnvironment.FromProcess(), SysMedicPaths.ForCurrentUser());

    /// <summary>
    /// Loads <paramref name="path"/> (a missing file means defaults) with overrides from <paramref name="environment"/>
    /// (null: none); data and log paths default to those of <paramref name="layout"/>.
    /// </summary>
    public static ConfigLoadResult Load(string path, IReadOnlyDictionary<string, string>? environment, SysMedicPaths layout) =>
        Load(path, environment, layout, ConfigReaders.GroupId());

    /// <summary>As <see cref="Load(string, IReadOnlyDictionary{string, string}?, SysMedicPaths)"/>, with the readers' group id given.</summary>
    internal static ConfigLoadResult Load(string path, IReadOnlyDictionary<string, string>? environment, SysMedicPaths layout, uint? readerGroupId)
    {
        var defaults = SysMedicConfig.DefaultsFor(layout);
        if (Directory.Exists(path))
        {
            return Failed(path, defaults, "is a directory, not a configuration file");
        }

        string text;
        try
        {
            text = Encoding.UTF8.GetString(File.ReadAllBytes(path)).TrimStart('\uFEFF');
        }
        catch (Exception ex) when (ex is FileNotFoundException or DirectoryNotFoundException)
        {
            return LoadText(null, path, environment, layout);
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return Failed(path, defaults, ex is UnauthorizedAccessException ? "cannot be read: permission denied" : $"cannot be read: {ex.Message}");
        }

        var result = LoadText(text, path, environment, layout);
        WarnIfSecretsAreExposed(path, result, readerGroupId);
        return result;
    }

    /// <summary>
    /// Loads configuration text as if read from <paramref name="source"/> (null text: no file). Used to check a file
    /// before it is written.
    /// </summary>
    public static ConfigLoadResult LoadText(string? text, string source, IReadOnlyDictionary<string, string>? environment, SysMedicPaths layout)
    {
        var defaults = SysMedicConfig.DefaultsFor(layout);
        var diagnostics = new List<ConfigDiagnostic>();
        var origins = new Dictionary<string, ConfigOrigin>(StringComparer.Ordinal);
        var config = defaults;

        // A file cut to nothing (a truncated write) must not pass silently for "all defaults": a reload refuses it.
        bool empty = text is not null && string.IsNullOrWhiteSpace(text.TrimStart('\uFEFF'));
        if (empty)
        {
            diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Warning, source, 0, 0, "", "the file is empty: the built-in defaults apply"));
        }

        if (text is not null && ConfigYaml.TryParseDocument(text, source, diagnostics, out var root) && root is not null)
        {
            config = new ConfigDocumentReader(source, diagnostics, origins).Read(root, config);
        }

        if (environment is not null)
        {
            config = ConfigEnvironment.Apply(config, environment, diagnostics, origins);
        }

        // Every problem in one pass: cross-key checks run too, but say nothing more about a key already reported
        // (a value that could not be read stands at its default, which would only confuse a second message).
        var reported = diagnostics.Where(d => d.IsError).Select(d => d.KeyPath).ToHashSet(StringComparer.Ordinal);
        var crossKey = new List<ConfigDiagnostic>();
        ConfigValidator.Check(config, source, origins, crossKey);
        diagnostics.AddRange(crossKey.Where(d => !reported.Contains(d.KeyPath)));

        return new ConfigLoadResult(source, text is not null, config, defaults, diagnostics, origins, empty);
    }

    /// <summary>Whether the file's own values include a non-empty secret (so it must be private).</summary>
    public static bool HoldsSecret(ConfigLoadResult result) =>
        ConfigKeys.All.Any(k => k.IsSecret && result.OriginOf(k.Path).Source == ConfigSource.File && k.Get(result.Config) is string { Length: > 0 });

    private static void WarnIfSecretsAreExposed(string path, ConfigLoadResult result, uint? readerGroupId)
    {
        // SysMedic runs on Linux only; the guard keeps the platform analyzer satisfied.
        if (OperatingSystem.IsWindows() || !HoldsSecret(result))
        {
            return;
        }

        // The relay's group may read it (ConfigReaders); any other group, or anyone, may not.
        var mode = File.GetUnixFileMode(path);
        bool readersOnly = readerGroupId is { } readers && FileOwnership.TryGet(path, out _, out uint gid) && gid == readers;
        if ((mode & UnixFileMode.OtherRead) != 0 || ((mode & UnixFileMode.GroupRead) != 0 && !readersOnly))
        {
            var secret = ConfigKeys.All.First(k => k.IsSecret && result.OriginOf(k.Path).Source == ConfigSource.File && k.Get(result.Config) is string { Length: > 0 });
            var at = result.OriginOf(secret.Path);
            ((List<ConfigDiagnostic>)result.Diagnostics).Add(new ConfigDiagnostic(ConfigSeverity.Warning, path, at.Line, at.Column, secret.Path,
                $"the file holds a secret but is readable by others (mode {Convert.ToString((int)mode, 8).PadLeft(4, '0')}); run: chmod 600 {path}"));
        }
    }

    private static ConfigLoadResult Failed(string path, SysMedicConfig defaults, string message) =>
        new(path, true, defaults, defaults, [new ConfigDiagnostic(ConfigSeverity.Error, path, 0, 0, "", message)], new Dictionary<string, ConfigOrigin>());
}

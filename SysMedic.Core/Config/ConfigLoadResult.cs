namespace SysMedic.Core.Config;

/// <summary>What loading a configuration produced: the configuration, every problem, and where each value came from.</summary>
public sealed class ConfigLoadResult
{
    internal ConfigLoadResult(string path, bool fileExists, SysMedicConfig config, SysMedicConfig defaults,
        IReadOnlyList<ConfigDiagnostic> diagnostics, IReadOnlyDictionary<string, ConfigOrigin> origins, bool isEmpty = false)
    {
        IsEmpty = isEmpty;
        Path = path;
        FileExists = fileExists;
        Config = config;
        Defaults = defaults;
        Diagnostics = diagnostics;
        Origins = origins;
    }

    /// <summary>The file that was read (or would have been).</summary>
    public string Path { get; }

    /// <summary>False when there was no file, so the configuration is the defaults (plus the environment).</summary>
    public bool FileExists { get; }

    /// <summary>
    /// True when the file exists but holds nothing but white space (a truncated write, most likely): the defaults, with a
    /// warning, at a daemon's first start; refused by a reload.
    /// </summary>
    public bool IsEmpty { get; }

    /// <summary>The configuration; when <see cref="IsValid"/> is false, the keys in error keep their defaults and it must not be used.</summary>
    public SysMedicConfig Config { get; }

    /// <summary>The built-in defaults it started from.</summary>
    public SysMedicConfig Defaults { get; }

    /// <summary>Errors and warnings, in the order they were found.</summary>
    public IReadOnlyList<ConfigDiagnostic> Diagnostics { get; }

    /// <summary>Where each value that was set came from, by key path; keys absent here are defaults.</summary>
    public IReadOnlyDictionary<string, ConfigOrigin> Origins { get; }

    /// <summary>Whether the configuration has no error (warnings allowed).</summary>
    public bool IsValid => !Diagnostics.Any(d => d.IsError);

    /// <summary>The errors only.</summary>
    public IEnumerable<ConfigDiagnostic> Errors => Diagnostics.Where(d => d.IsError);

    /// <summary>Where the value of <paramref name="keyPath"/> came from.</summary>
    public ConfigOrigin OriginOf(string keyPath) => Origins.GetValueOrDefault(keyPath) ?? ConfigOrigin.Default;
}

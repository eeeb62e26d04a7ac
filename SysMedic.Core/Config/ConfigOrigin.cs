namespace SysMedic.Core.Config;

/// <summary>Where one value came from: the file (with its 1-based line and column) or an environment variable.</summary>
public sealed record ConfigOrigin(ConfigSource Source, string Location, int Line = 0, int Column = 0)
{
    /// <summary>The origin of a value nobody set.</summary>
    public static readonly ConfigOrigin Default = new(ConfigSource.Default, "default");

    /// <summary>A short description, e.g. <c>file config.yaml:3</c> or <c>environment SYSMEDIC_PORT</c>.</summary>
    public string Describe() => Source switch
    {
        ConfigSource.File => $"file {Location}:{Line}",
        ConfigSource.Environment => $"environment {Location}",
        _ => "default",
    };
}

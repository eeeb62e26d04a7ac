namespace SysMedic.Core.Config;

/// <summary>The documented default configuration (<c>assets/config.yaml</c>), built into the binary.</summary>
public static class DefaultConfigFile
{
    private const string ResourceName = "SysMedic.Core.Config.DefaultConfig.yaml";

    /// <summary>The text of the default file: every key with its default and a comment.</summary>
    public static string Text { get; } = Read();

    private static string Read()
    {
        using var stream = typeof(DefaultConfigFile).Assembly.GetManifestResourceStream(ResourceName)
            ?? throw new InvalidOperationException($"resource {ResourceName} is missing from the build");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}

using System.Text;

namespace SysMedic.Core.Config;

/// <summary>
/// <c>config set KEY VALUE</c>: checks the value, edits the file without touching anything else, checks the whole
/// resulting file, and only then replaces it atomically. With no file yet, starts from the documented default file.
/// </summary>
public static class ConfigSetter
{
    private static readonly byte[] Utf8Bom = [0xEF, 0xBB, 0xBF];

    /// <summary>Sets <paramref name="keyPath"/> to <paramref name="valueText"/> (lists as <c>["a","b"]</c>) in <paramref name="path"/>.</summary>
    public static ConfigSetResult Set(string path, string keyPath, string valueText, SysMedicPaths layout)
    {
        if (ConfigKeys.Find(keyPath) is not { } key)
        {
            return Invalid(UnknownKey(keyPath));
        }

        if (!key.TryParseText(valueText, out object? value, out string problem))
        {
            return Invalid($"{keyPath}: {problem}");
        }

        if (Directory.Exists(path))
        {
            return new ConfigSetResult(ConfigSetStatus.Failed, [$"{path}: is a directory, not a configuration file"]);
        }

        byte[]? bytes;
        try
        {
            bytes = File.Exists(path) ? File.ReadAllBytes(path) : null;
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ConfigSetResult(ConfigSetStatus.Failed, [$"{path}: cannot be read: {Reason(ex)}"]);
        }

        bool bom = bytes is not null && bytes.AsSpan().StartsWith(Utf8Bom);
        string text = bytes is null ? DefaultConfigFile.Text : Encoding.UTF8.GetString(bom ? bytes[Utf8Bom.Length..] : bytes);
        var before = ConfigLoader.LoadText(text, path, null, layout);

        string edited;
        try
        {
            edited = ConfigEditor.Set(text, key, value!);
        }
        catch (ConfigEditException ex)
        {
            return Invalid($"{path}: {ex.Message}");
        }

        var after = ConfigLoader.LoadText(edited, path, null, layout);
        if (!after.IsValid)
        {
            return Invalid([$"{path}: not changed: the file would not be valid:", .. after.Errors.Select(e => "  " + e)]);
        }

        if (key.Format(after.Config, redact: false) != key.FormatValue(value!, redact: false))
        {
            return new ConfigSetResult(ConfigSetStatus.Failed, [$"{path}: not changed: the edited file does not read back {keyPath} as set"]);
        }

        try
        {
            byte[] contents = [.. bom ? Utf8Bom : [], .. Encoding.UTF8.GetBytes(edited)];
            AtomicFile.Write(path, contents, @private: ConfigLoader.HoldsSecret(after));
        }
        catch (Exception ex) when (ex is IOException or UnauthorizedAccessException)
        {
            return new ConfigSetResult(ConfigSetStatus.Failed, [$"{path}: cannot be written: {Reason(ex)}"]);
        }

        return new ConfigSetResult(ConfigSetStatus.Written, [.. after.Diagnostics.Select(d => d.ToString())],
            Shown(key, before.Config), Shown(key, after.Config), Created: bytes is null);
    }

    // A per-user threshold that is not set reads as an empty string; "(none)" says what it means.
    private static string Shown(ConfigKey key, SysMedicConfig config) =>
        key.Get(config) is "" && key.Section == ConfigKeys.UserThresholdsSection ? ConfigDiff.Absent : key.Format(config, redact: true);

    private static string UnknownKey(string keyPath)
    {
        if (ConfigKeys.Sections.Contains(keyPath))
        {
            var first = ConfigKeys.All.FirstOrDefault(k => k.Section == keyPath)?.Path ?? $"{keyPath}.USER.cpu_threshold";
            return $"{keyPath}: is a section; name one of its keys, e.g. {first}";
        }

        string[] known = [.. ConfigKeys.All.Select(k => k.Path), "user_thresholds.USER.cpu_threshold", "user_thresholds.USER.memory_threshold"];
        return $"{keyPath}: unknown key" + ConfigKeySuggester.Hint(keyPath, known);
    }

    private static string Reason(Exception ex) => ex is UnauthorizedAccessException ? "permission denied" : ex.Message;

    private static ConfigSetResult Invalid(params string[] messages) => new(ConfigSetStatus.Invalid, messages);
}

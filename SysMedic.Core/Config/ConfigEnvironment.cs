using System.Collections;

namespace SysMedic.Core.Config;

/// <summary>
/// Environment overrides: <c>SYSMEDIC_&lt;SECTION&gt;__&lt;KEY&gt;</c> (e.g. <c>SYSMEDIC_MONITORING__CPU_THRESHOLD=90</c>) and
/// <c>SYSMEDIC_&lt;KEY&gt;</c> for top-level keys (<c>SYSMEDIC_DATA_PATH</c>). They win over the file.
/// </summary>
public static class ConfigEnvironment
{
    /// <summary>The prefix of every override variable.</summary>
    public const string Prefix = "SYSMEDIC_";

    /// <summary>The variable naming another configuration file; not an override.</summary>
    public const string ConfigFileVariable = "SYSMEDIC_CONFIG";

    /// <summary>The current process's environment.</summary>
    public static IReadOnlyDictionary<string, string> FromProcess()
    {
        var result = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            if (entry.Key is string name && entry.Value is string value)
            {
                result[name] = value;
            }
        }

        return result;
    }

    internal static SysMedicConfig Apply(SysMedicConfig config, IReadOnlyDictionary<string, string> environment,
        List<ConfigDiagnostic> diagnostics, Dictionary<string, ConfigOrigin> origins)
    {
        var known = new HashSet<string>(StringComparer.Ordinal);
        foreach (var key in ConfigKeys.All)
        {
            string variable = key.EnvironmentVariable;
            known.Add(variable);
            if (!environment.TryGetValue(variable, out string? text))
            {
                continue;
            }

            if (key.TryParseText(text, out object? value, out string problem))
            {
                config = key.With(config, value!);
                origins[key.Path] = new ConfigOrigin(ConfigSource.Environment, variable);
            }
            else
            {
                diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, variable, 0, 0, key.Path, problem));
            }
        }

        // Only the SECTION__KEY form is checked for typos: other SYSMEDIC_ variables may belong to other parts.
        foreach (string name in environment.Keys.Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.Contains("__", StringComparison.Ordinal) && !known.Contains(n)).Order(StringComparer.Ordinal))
        {
            diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Warning, name, 0, 0, "", "unknown configuration variable, ignored" + ConfigKeySuggester.Hint(name, known)));
        }

        return config;
    }
}

using YamlDotNet.RepresentationModel;

namespace SysMedic.Core.Config;

/// <summary>
/// One configuration key: its dotted path, what it accepts, how to read it from YAML and how to get and set it on a
/// <see cref="SysMedicConfig"/>. The table of keys drives loading, environment overrides, <c>config set</c> and
/// <c>config show</c>, so they cannot disagree.
/// </summary>
public sealed class ConfigKey
{
    private readonly NodeParser _parse;
    private readonly Func<SysMedicConfig, object> _get;
    private readonly Func<SysMedicConfig, object, SysMedicConfig> _set;

    internal ConfigKey(string path, (NodeParser Parse, string Allowed) kind, string description, Func<SysMedicConfig, object> get,
        Func<SysMedicConfig, object, SysMedicConfig> set, bool isSecret = false, bool isList = false)
    {
        Path = path;
        _parse = kind.Parse;
        Allowed = kind.Allowed;
        Description = description;
        _get = get;
        _set = set;
        IsSecret = isSecret;
        IsList = isList;
    }

    /// <summary>The dotted path, e.g. <c>monitoring.check_interval</c>.</summary>
    public string Path { get; }

    /// <summary>The section name, or empty for a top-level key such as <c>data_path</c>.</summary>
    public string Section => Parts.Count > 1 ? Parts[0] : "";

    /// <summary>The mapping keys leading to the value in the file (a user name may itself contain dots).</summary>
    public IReadOnlyList<string> Parts => Path.StartsWith(ConfigKeys.UserThresholdsSection + ".", StringComparison.Ordinal)
        ? [ConfigKeys.UserThresholdsSection, Path[(ConfigKeys.UserThresholdsSection.Length + 1)..Path.LastIndexOf('.')], Name]
        : Path.Split('.');

    /// <summary>The last part of the path, as written in the file.</summary>
    public string Name => Path[(Path.LastIndexOf('.') + 1)..];

    /// <summary>What the key accepts, e.g. <c>a whole number of seconds (1..86400)</c>.</summary>
    public string Allowed { get; }

    /// <summary>One line for the documentation and <c>config show</c>.</summary>
    public string Description { get; }

    /// <summary>Whether the value is redacted when shown and makes its file private (0600).</summary>
    public bool IsSecret { get; }

    /// <summary>Whether the value is a list (set as <c>["a","b"]</c>).</summary>
    public bool IsList { get; }

    /// <summary>The environment variable that overrides the key, e.g. <c>SYSMEDIC_MONITORING__CHECK_INTERVAL</c>.</summary>
    public string EnvironmentVariable => ConfigEnvironment.Prefix + Path.Replace(".", "__", StringComparison.Ordinal).ToUpperInvariant();

    /// <summary>The key's value in <paramref name="config"/>.</summary>
    public object Get(SysMedicConfig config) => _get(config);

    /// <summary>A copy of <paramref name="config"/> with this key set to <paramref name="value"/>.</summary>
    public SysMedicConfig With(SysMedicConfig config, object value) => _set(config, value);

    /// <summary>The value as YAML text; secrets as <c>********</c> when <paramref name="redact"/> and not empty.</summary>
    public string Format(SysMedicConfig config, bool redact) => FormatValue(Get(config), redact);

    /// <summary>A value of this key as YAML text, redacted as <see cref="Format"/> does.</summary>
    public string FormatValue(object value, bool redact)
    {
        if (redact && IsSecret && value is string { Length: > 0 })
        {
            return "\"********\"";
        }

        if (redact && value is IReadOnlyList<WebhookTarget> hooks)
        {
            // Webhook URLs carry their own tokens in the path (Slack, Discord): only scheme and host are shown.
            value = hooks.Select(h => h with { Url = Uri.TryCreate(h.Url, UriKind.Absolute, out var u) ? $"{u.Scheme}://{u.Authority}/********" : "********" }).ToList();
        }

        return ConfigYamlText.Format(value);
    }

    /// <summary>
    /// Reads a value typed on the command line or in an environment variable: lists as YAML flow sequences
    /// (<c>["a","b"]</c>) or comma-separated words, anything else as the text itself.
    /// </summary>
    public bool TryParseText(string text, out object? value, out string problem)
    {
        YamlNode node;
        if (IsList)
        {
            string trimmed = text.Trim();
            string flow = trimmed.StartsWith('[') || trimmed.Length == 0 ? trimmed : "[" + trimmed + "]";
            if (!ConfigYaml.TryParseValue(flow.Length == 0 ? "[]" : flow, out node, out string syntax))
            {
                value = null;
                problem = $"{ConfigYamlText.DoubleQuoted(text)} is not {Allowed} ({syntax})";
                return false;
            }
        }
        else
        {
            node = new YamlScalarNode(text) { Style = YamlDotNet.Core.ScalarStyle.DoubleQuoted };
        }

        return TryParse(node, out value, out problem);
    }

    internal bool TryParse(YamlNode node, out object? value, out string problem)
    {
        var problems = new List<ValueProblem>();
        value = _parse(node, Path, problems);
        problem = problems.Count == 0 ? "" : string.Join("; ", problems.Select(p => p.KeyPath == Path ? p.Message : $"{p.KeyPath}: {p.Message}"));
        return problems.Count == 0 && value is not null;
    }

    internal object? Parse(YamlNode node, List<ValueProblem> problems) => _parse(node, Path, problems);

    public override string ToString() => Path;
}

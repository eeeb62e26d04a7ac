using System.Globalization;
using System.Net;
using System.Text.RegularExpressions;
using YamlDotNet.RepresentationModel;

namespace SysMedic.Core.Config;

/// <summary>The kinds of value a key can hold: each parses a YAML node and says what it accepts.</summary>
internal static partial class ConfigValueKinds
{
    public static (NodeParser Parse, string Allowed) Whole(int min, int max, string? unit = null) =>
        WholeNumber(min, max, unit is null ? $"a whole number ({min}..{max})" : $"a whole number of {unit} ({min}..{max})");

    public static (NodeParser Parse, string Allowed) Port() => WholeNumber(1, 65535, "a port number (1..65535)");

    public static (NodeParser Parse, string Allowed) Percent(double min, double max)
    {
        string allowed = $"a percentage ({min.ToString(CultureInfo.InvariantCulture)}..{max.ToString(CultureInfo.InvariantCulture)})";
        return (Scalar(allowed, text =>
            double.TryParse(text.Trim().TrimEnd('%'), NumberStyles.Float, CultureInfo.InvariantCulture, out double v) && double.IsFinite(v) && v >= min && v <= max ? v : null), allowed);
    }

    public static (NodeParser Parse, string Allowed) Boolean()
    {
        const string allowed = "true or false";
        return (Scalar(allowed, text => text.Trim().ToLowerInvariant() switch { "true" => true, "false" => false, _ => null }), allowed);
    }

    public static (NodeParser Parse, string Allowed) Choice<TEnum>()
        where TEnum : struct, Enum
    {
        string[] names = [.. Enum.GetValues<TEnum>().Select(v => v.ToString().ToLowerInvariant())];
        string allowed = "one of " + string.Join(", ", names);
        return (Scalar(allowed, text =>
            Enum.GetValues<TEnum>().Cast<TEnum?>().FirstOrDefault(v => string.Equals(v.ToString(), text.Trim(), StringComparison.OrdinalIgnoreCase))), allowed);
    }

    public static (NodeParser Parse, string Allowed) Text(string allowed, Func<string, bool>? check = null, bool allowEmpty = true) =>
        (Scalar(allowed, text => text.Length == 0 ? (allowEmpty ? text : null) : check is null || check(text) ? text : null), allowed);

    public static (NodeParser Parse, string Allowed) AbsolutePath() => Text("an absolute path", p => p.StartsWith('/'), allowEmpty: false);

    public static (NodeParser Parse, string Allowed) OptionalPath() => Text("a file path (or empty)");

    public static (NodeParser Parse, string Allowed) Secret(int minLength) =>
        Text($"a secret of at least {minLength} characters (or empty)", s => s.Length >= minLength);

    public static (NodeParser Parse, string Allowed) HostName() => Text("an IP address or host name", IsHost);

    public static (NodeParser Parse, string Allowed) Email() => Text("an email address (name@host)", IsEmail);

    public static (NodeParser Parse, string Allowed) List(string itemAllowed, string item, Func<string, bool> itemCheck, string example)
    {
        string allowed = $"a list of {itemAllowed}, e.g. {example}";
        NodeParser parse = (node, path, problems) =>
        {
            if (IsNull(node))
            {
                return Array.Empty<string>();
            }

            if (node is not YamlSequenceNode seq)
            {
                problems.Add(new ValueProblem(node, path, $"{Describe(node)} is not {allowed}"));
                return null;
            }

            var items = new List<string>();
            int before = problems.Count;
            for (int i = 0; i < seq.Children.Count; i++)
            {
                if (seq.Children[i] is YamlScalarNode { Value: { } v } && itemCheck(v))
                {
                    items.Add(v);
                }
                else
                {
                    problems.Add(new ValueProblem(seq.Children[i], $"{path}[{i}]", $"{Describe(seq.Children[i])} is not {item}"));
                }
            }

            return problems.Count == before ? items : null;
        };
        return (parse, allowed);
    }

    public static bool IsEmail(string s) => EmailPattern().IsMatch(s);

    public static bool IsUserName(string s) => UserNamePattern().IsMatch(s);

    public static bool IsHost(string s) => IPAddress.TryParse(s, out _) || HostPattern().IsMatch(s);

    /// <summary>An empty plain scalar, <c>~</c> or <c>null</c>: the key is present with no value.</summary>
    public static bool IsNull(YamlNode node) =>
        node is YamlScalarNode { Style: YamlDotNet.Core.ScalarStyle.Plain, Value: null or "" or "~" or "null" or "Null" or "NULL" };

    /// <summary>How a value is quoted in a message: the scalar text in quotes, or what kind of node it is.</summary>
    public static string Describe(YamlNode node) => node switch
    {
        YamlScalarNode s => ConfigYamlText.DoubleQuoted(s.Value ?? ""),
        YamlSequenceNode => "a list",
        YamlMappingNode => "a mapping",
        _ => "this value",
    };

    private static (NodeParser Parse, string Allowed) WholeNumber(int min, int max, string allowed) =>
        (Scalar(allowed, text =>
            int.TryParse(text.Trim(), NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out int v) && v >= min && v <= max ? v : null), allowed);

    private static NodeParser Scalar(string allowed, Func<string, object?> convert) => (node, path, problems) =>
    {
        string? text = node is YamlScalarNode s ? (IsNull(node) ? "" : s.Value ?? "") : null;
        object? value = text is null ? null : convert(text);
        if (value is null)
        {
            problems.Add(new ValueProblem(node, path, $"{Describe(node)} is not {allowed}"));
        }

        return value;
    };

    [GeneratedRegex(@"^[^@\s""<>,;]+@[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]*[A-Za-z0-9])?)*$")]
    private static partial Regex EmailPattern();

    // A uid alone names a user without a passwd entry (a container's, a deleted account's), as the tables show it.
    [GeneratedRegex(@"^([A-Za-z_][A-Za-z0-9_.-]*\$?|[0-9]+)$")]
    private static partial Regex UserNamePattern();

    [GeneratedRegex(@"^(?=.{1,253}$)[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)*$")]
    private static partial Regex HostPattern();
}

using System.Globalization;
using System.Text;
using YamlDotNet.Core;

namespace SysMedic.Core.Config;

/// <summary>Writes configuration values as YAML text: the form <c>config show</c> prints and <c>config set</c> writes.</summary>
internal static class ConfigYamlText
{
    /// <summary>The value as a YAML flow value: numbers and booleans plain, strings double-quoted, lists in brackets.</summary>
    public static string Format(object value) => value switch
    {
        string s => DoubleQuoted(s),
        bool b => b ? "true" : "false",
        int i => i.ToString(CultureInfo.InvariantCulture),
        double d => d.ToString(CultureInfo.InvariantCulture),
        Enum e => e.ToString().ToLowerInvariant(),
        IReadOnlyList<string> list => "[" + string.Join(", ", list.Select(DoubleQuoted)) + "]",
        IReadOnlyList<WebhookTarget> hooks => "[" + string.Join(", ", hooks.Select(FormatWebhook)) + "]",
        _ => throw new ArgumentException($"no YAML form for {value.GetType().Name}", nameof(value)),
    };

    /// <summary>A string in the quoting style the operator used before, when that style can hold it.</summary>
    public static string Render(object value, ScalarStyle previousStyle)
    {
        if (value is not string s)
        {
            return Format(value);
        }

        return previousStyle switch
        {
            ScalarStyle.SingleQuoted when !s.Any(char.IsControl) => "'" + s.Replace("'", "''", StringComparison.Ordinal) + "'",
            ScalarStyle.Plain when IsSafePlain(s) => s,
            _ => DoubleQuoted(s),
        };
    }

    /// <summary>A mapping key as written in the file: plain when it can be, else double-quoted.</summary>
    public static string Key(string name) => IsSafePlain(name) ? name : DoubleQuoted(name);

    /// <summary>A YAML double-quoted string with the escapes it needs.</summary>
    public static string DoubleQuoted(string s)
    {
        var sb = new StringBuilder(s.Length + 2).Append('"');
        foreach (char c in s)
        {
            switch (c)
            {
                case '"': sb.Append("\\\""); break;
                case '\\': sb.Append("\\\\"); break;
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                default:
                    if (char.IsControl(c))
                    {
                        sb.Append("\\u").Append(((int)c).ToString("x4", CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.Append('"').ToString();
    }

    // Plain scalars are kept only for text YAML reads back unchanged: no indicators and no spaces. The configuration
    // reads every scalar as text, so "10.0.0.1" may stay plain, but null/~ would read as "no value" and must be quoted.
    private static bool IsSafePlain(string s)
    {
        if (s.Length == 0 || !(char.IsAsciiLetterOrDigit(s[0]) || s[0] == '_' || s[0] == '/'))
        {
            return false;
        }

        foreach (char c in s)
        {
            if (!(char.IsAsciiLetterOrDigit(c) || c is '_' or '-' or '.' or '/' or '@' or '+'))
            {
                return false;
            }
        }

        string lower = s.ToLowerInvariant();
        return lower is not ("true" or "false" or "yes" or "no" or "on" or "off" or "null" or "y" or "n");
    }

    private static string FormatWebhook(WebhookTarget hook) => $"{{url: {DoubleQuoted(hook.Url)}, format: {Format(hook.Format)}}}";
}

using System.Text;
using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SysMedic.Core.Config;

/// <summary>
/// Sets one value in configuration text and keeps every other character: comments, blank lines, key order and
/// quoting. Only the characters of the old value change; a missing key is added as a new line at the end of its
/// section, and a missing section at the end of the file.
/// </summary>
public static class ConfigEditor
{
    private const int DefaultIndent = 2;

    /// <summary>The text with <paramref name="key"/> set to <paramref name="value"/> (a value <paramref name="key"/> accepts).</summary>
    /// <exception cref="ConfigEditException">The text is not valid YAML or the path crosses a value written in flow style.</exception>
    public static string Set(string text, ConfigKey key, object value)
    {
        var diagnostics = new List<ConfigDiagnostic>();
        if (!ConfigYaml.TryParseDocument(text, "", diagnostics, out var root))
        {
            throw new ConfigEditException($"the file cannot be edited until this is fixed: {diagnostics[0].ToString().TrimStart(':', ' ')}");
        }

        var parts = key.Parts;
        string newline = text.Contains("\r\n", StringComparison.Ordinal) ? "\r\n" : "\n";
        if (root is null)
        {
            return InsertLines(text, text.Length, Lines(parts, 0, 0, DefaultIndent, value, newline), newline);
        }

        if (YamlSpans.IsFlow(root))
        {
            throw new ConfigEditException("the file is written as one flow mapping ({...}); edit it by hand");
        }

        int unit = IndentUnit(root);
        var map = root;
        for (int i = 0; i < parts.Count; i++)
        {
            var entry = map.Children.FirstOrDefault(c => c.Key is YamlScalarNode { Value: { } name } && name == parts[i]);
            if (entry.Key is null)
            {
                int at = YamlSpans.NextLine(text, YamlSpans.End(text, map));
                return InsertLines(text, at, Lines(parts, i, (int)map.Start.Column - 1, unit, value, newline), newline);
            }

            if (i == parts.Count - 1)
            {
                return ReplaceValue(text, entry.Key, entry.Value, value);
            }

            switch (entry.Value)
            {
                case YamlMappingNode { Children.Count: > 0 } section when !YamlSpans.IsFlow(section):
                    map = section;
                    break;
                case YamlMappingNode { Children.Count: 0 }:
                case YamlScalarNode when ConfigValueKinds.IsNull(entry.Value):
                    return FillEmptySection(text, entry.Key, entry.Value, parts, i + 1, unit, value, newline);
                default:
                    string path = string.Join('.', parts.Take(i + 1));
                    throw new ConfigEditException(YamlSpans.IsFlow(entry.Value)
                        ? $"{path} is written in flow style ({{...}}); edit it by hand or write it as one \"key: value\" per line"
                        : $"{path} holds a value, not a section; fix it by hand");
            }
        }

        throw new ConfigEditException($"{key.Path}: no key to set");
    }

    private static string ReplaceValue(string text, YamlNode keyNode, YamlNode valueNode, object value)
    {
        int colon = YamlSpans.ColonAfter(text, (int)keyNode.End.Index);
        switch (valueNode)
        {
            case YamlScalarNode when ConfigValueKinds.IsNull(valueNode) && valueNode.Start.Index == valueNode.End.Index:
                return Insert(text, colon + 1, " " + ConfigYamlText.Format(value));
            case YamlScalarNode { Style: ScalarStyle.Literal or ScalarStyle.Folded }:
                return Replace(text, colon + 1, YamlSpans.End(text, valueNode), " " + ConfigYamlText.Format(value));
            case YamlScalarNode scalar:
                return Replace(text, (int)scalar.Start.Index, (int)scalar.End.Index, ConfigYamlText.Render(value, scalar.Style));
            case var flow when YamlSpans.IsFlow(flow):
                return Replace(text, (int)flow.Start.Index, YamlSpans.End(text, flow), ConfigYamlText.Format(value));
            default:
                // A block list or mapping becomes one flow value on the key's line; the lines it used are the old value.
                return Replace(text, colon + 1, YamlSpans.End(text, valueNode), " " + ConfigYamlText.Format(value));
        }
    }

    private static string FillEmptySection(string text, YamlNode keyNode, YamlNode valueNode, IReadOnlyList<string> parts, int from, int unit, object value, string newline)
    {
        int colon = YamlSpans.ColonAfter(text, (int)keyNode.End.Index);
        if (valueNode is YamlMappingNode)
        {
            // "section: {}" loses only its "{}"; any comment after it stays on that line.
            int end = YamlSpans.End(text, valueNode);
            int start = colon + 1;
            text = text[..start] + text[end..];
        }

        int at = YamlSpans.NextLine(text, colon);
        return InsertLines(text, at, Lines(parts, from, (int)keyNode.Start.Column - 1 + unit, unit, value, newline), newline);
    }

    private static string Lines(IReadOnlyList<string> parts, int from, int indent, int unit, object value, string newline)
    {
        var sb = new StringBuilder();
        for (int j = from; j < parts.Count; j++)
        {
            sb.Append(' ', indent + (unit * (j - from))).Append(ConfigYamlText.Key(parts[j])).Append(':');
            if (j == parts.Count - 1)
            {
                sb.Append(' ').Append(ConfigYamlText.Format(value));
            }

            sb.Append(newline);
        }

        return sb.ToString();
    }

    // The indentation step the operator used: the column of the first nested key.
    private static int IndentUnit(YamlMappingNode root)
    {
        var nested = root.Children.Select(c => c.Value).OfType<YamlMappingNode>().FirstOrDefault(m => !YamlSpans.IsFlow(m) && m.Children.Count > 0);
        int unit = nested is null ? DefaultIndent : (int)(nested.Start.Column - root.Start.Column);
        return unit > 0 ? unit : DefaultIndent;
    }

    private static string Insert(string text, int at, string insertion) => text[..at] + insertion + text[at..];

    private static string InsertLines(string text, int at, string lines, string newline)
    {
        // A file whose last line has no newline gets one before the new lines, and only then.
        string prefix = at == text.Length && text.Length > 0 && !text.EndsWith('\n') ? newline : "";
        return Insert(text, at, prefix + lines);
    }

    private static string Replace(string text, int start, int end, string replacement) => text[..start] + replacement + text[end..];
}

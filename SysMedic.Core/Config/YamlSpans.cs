using YamlDotNet.RepresentationModel;

namespace SysMedic.Core.Config;

/// <summary>
/// Where nodes begin and end in the text. YamlDotNet gives collections an end equal to their start, so the end of a
/// block collection is the end of its last descendant, and a flow collection ends at its matching bracket.
/// </summary>
internal static class YamlSpans
{
    /// <summary>The index just after the last character of <paramref name="node"/>.</summary>
    public static int End(string text, YamlNode node) => node switch
    {
        YamlScalarNode s => (int)s.End.Index,
        YamlSequenceNode { Style: YamlDotNet.Core.Events.SequenceStyle.Flow } => FlowEnd(text, (int)node.Start.Index),
        YamlMappingNode { Style: YamlDotNet.Core.Events.MappingStyle.Flow } => FlowEnd(text, (int)node.Start.Index),
        YamlSequenceNode seq => seq.Children.Select(c => End(text, c)).DefaultIfEmpty((int)node.Start.Index).Max(),
        YamlMappingNode map => map.Children.Select(c => Math.Max(End(text, c.Key), End(text, c.Value))).DefaultIfEmpty((int)node.Start.Index).Max(),
        _ => (int)node.End.Index,
    };

    /// <summary>Whether the node is a flow collection (<c>[...]</c> or <c>{...}</c>).</summary>
    public static bool IsFlow(YamlNode node) => node is YamlSequenceNode { Style: YamlDotNet.Core.Events.SequenceStyle.Flow }
        or YamlMappingNode { Style: YamlDotNet.Core.Events.MappingStyle.Flow };

    /// <summary>The index just after the bracket closing the one at <paramref name="start"/>, skipping quoted text and comments.</summary>
    public static int FlowEnd(string text, int start)
    {
        int depth = 0;
        for (int i = start; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '[' or '{':
                    depth++;
                    break;
                case ']' or '}':
                    if (--depth == 0)
                    {
                        return i + 1;
                    }

                    break;
                case '"':
                    for (i++; i < text.Length && text[i] != '"'; i += text[i] == '\\' ? 2 : 1)
                    {
                    }

                    break;
                case '\'':
                    for (i++; i < text.Length && (text[i] != '\'' || (i + 1 < text.Length && text[i + 1] == '\'')); i += text[i] == '\'' ? 2 : 1)
                    {
                    }

                    break;
                case '#' when i > 0 && char.IsWhiteSpace(text[i - 1]):
                    while (i < text.Length && text[i] != '\n')
                    {
                        i++;
                    }

                    break;
            }
        }

        return text.Length;
    }

    /// <summary>The index of the colon after a mapping key ending at <paramref name="keyEnd"/>.</summary>
    public static int ColonAfter(string text, int keyEnd)
    {
        int i = keyEnd;
        while (i < text.Length && text[i] is ' ' or '\t')
        {
            i++;
        }

        return i < text.Length && text[i] == ':' ? i : throw new ConfigEditException("a key is written in a form this editor does not change (no ':' after it)");
    }

    /// <summary>The index of the start of the line after the one holding <paramref name="index"/> (the text's length on the last line).</summary>
    public static int NextLine(string text, int index)
    {
        int newline = text.IndexOf('\n', Math.Min(index, text.Length));
        return newline < 0 ? text.Length : newline + 1;
    }
}

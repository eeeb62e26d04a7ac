using System.Text;

namespace SysMedic.Core.Formatting;

/// <summary>
/// Makes text from processes safe to print on a terminal: control characters (C0, DEL, C1), which could move the
/// cursor or change colours, become visible escapes (<c>\n</c>, <c>\t</c>, <c>\e</c>, <c>\x7f</c>). A backslash
/// becomes <c>\\</c>, so a name that spells <c>\e</c> cannot pass for one that holds an escape character.
/// </summary>
public static class SafeText
{
    /// <summary>The text with every control character and backslash escaped; the same string when there is none.</summary>
    public static string ForTerminal(string text)
    {
        int first = IndexOfEscaped(text);
        if (first < 0)
        {
            return text;
        }

        var sb = new StringBuilder(text.Length + 8);
        sb.Append(text, 0, first);
        for (int i = first; i < text.Length; i++)
        {
            char c = text[i];
            switch (c)
            {
                case '\n': sb.Append("\\n"); break;
                case '\t': sb.Append("\\t"); break;
                case '\r': sb.Append("\\r"); break;
                case '\x1b': sb.Append("\\e"); break;
                case '\\': sb.Append("\\\\"); break;
                default:
                    if (IsControl(c))
                    {
                        sb.Append("\\x").Append(((int)c).ToString("x2", System.Globalization.CultureInfo.InvariantCulture));
                    }
                    else
                    {
                        sb.Append(c);
                    }

                    break;
            }
        }

        return sb.ToString();
    }

    private static int IndexOfEscaped(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            if (IsControl(text[i]) || text[i] == '\\')
            {
                return i;
            }
        }

        return -1;
    }

    private static bool IsControl(char c) => c < 0x20 || c is >= '\x7f' and <= '\x9f';
}

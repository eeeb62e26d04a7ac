using System.Globalization;
using Terminal.Gui.Text;

namespace SysMedic.Tui.Views;

/// <summary>
/// Text measured and fitted in terminal cells: ASCII counts one cell a character without asking Terminal.Gui (whose
/// measure allocates); anything else is measured per grapheme (wide characters take two cells, combining marks none).
/// </summary>
public static class CellText
{
    /// <summary>How many cells <paramref name="text"/> takes.</summary>
    public static int Columns(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return IsAscii(text) ? text.Length : text.GetColumns();
    }

    /// <summary>
    /// <paramref name="text"/> in exactly <paramref name="width"/> cells: cut at the last whole character that fits,
    /// or padded with spaces on the right (<paramref name="alignRight"/>: on the left).
    /// </summary>
    public static string Fit(string text, int width, bool alignRight = false)
    {
        ArgumentNullException.ThrowIfNull(text);
        if (width <= 0)
        {
            return "";
        }

        if (IsAscii(text))
        {
            if (text.Length == width)
            {
                return text;
            }

            if (text.Length > width)
            {
                return text[..width];
            }

            return alignRight ? text.PadLeft(width) : text.PadRight(width);
        }

        (string cut, int columns) = Cut(text, width);
        string padding = new(' ', width - columns);
        return alignRight ? padding + cut : cut + padding;
    }

    private static (string Text, int Columns) Cut(string text, int width)
    {
        int columns = 0;
        int end = 0;
        TextElementEnumerator graphemes = StringInfo.GetTextElementEnumerator(text);
        while (graphemes.MoveNext())
        {
            int w = Math.Max(0, graphemes.GetTextElement().GetColumns());
            if (columns + w > width)
            {
                break;
            }

            columns += w;
            end = graphemes.ElementIndex + graphemes.GetTextElement().Length;
        }

        return (text[..end], columns);
    }

    private static bool IsAscii(string text)
    {
        foreach (char c in text)
        {
            if (c is < ' ' or > '~')
            {
                return false;
            }
        }

        return true;
    }
}

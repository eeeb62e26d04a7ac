using System.Text;

namespace SysMedic.Tui.Views;

/// <summary>
/// Lays a panel's detail out as whole phrases ("961.2 MiB", "of 23.5 GiB"): as many on a line as fit the width, a
/// phrase never split across lines, and what does not fit in the lines there are is left out from the end.
/// </summary>
public static class PanelText
{
    /// <summary>The lines, joined with a newline.</summary>
    public static string Lay(int width, int lines, string separator, params string[] phrases)
    {
        ArgumentNullException.ThrowIfNull(separator);
        ArgumentNullException.ThrowIfNull(phrases);
        var result = new List<string>();
        var line = new StringBuilder();
        foreach (string phrase in phrases)
        {
            if (line.Length > 0 && CellText.Columns(line.ToString()) + CellText.Columns(separator + phrase) <= width)
            {
                line.Append(separator).Append(phrase);
                continue;
            }

            if (line.Length > 0)
            {
                result.Add(line.ToString());
                line.Clear();
            }

            if (result.Count == lines)
            {
                break;
            }

            line.Append(phrase);
        }

        if (line.Length > 0 && result.Count < lines)
        {
            result.Add(line.ToString());
        }

        return string.Join('\n', result);
    }
}

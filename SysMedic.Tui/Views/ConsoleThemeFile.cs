using System.Globalization;
using Color = Terminal.Gui.Drawing.Color;

namespace SysMedic.Tui.Views;

/// <summary>
/// Reads a theme file (<c>assets/themes/*.theme</c>): <c>key = colour</c> lines, <c>#</c> comments. Keys left out keep
/// the built-in dark theme's colour; an unknown key or colour is an error naming the line.
/// </summary>
public static class ConsoleThemeFile
{
    /// <summary>Parses <paramref name="text"/> as the theme <paramref name="name"/>; throws <see cref="FormatException"/>.</summary>
    public static ConsoleTheme Parse(string name, string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        ConsoleTheme theme = ConsoleTheme.Dark with { Name = name };
        string[] lines = text.Split('\n');
        for (int i = 0; i < lines.Length; i++)
        {
            string line = lines[i].Trim();
            if (line.Length == 0 || line[0] == '#')
            {
                continue;
            }

            int eq = line.IndexOf('=', StringComparison.Ordinal);
            string key = eq < 0 ? line : line[..eq].Trim();
            string value = eq < 0 ? "" : line[(eq + 1)..].Trim();
            if (!Color.TryParse(value, CultureInfo.InvariantCulture, out Color color))
            {
                throw new FormatException($"theme {name}, line {i + 1}: \"{value}\" is not a colour for {key}");
            }

            theme = key switch
            {
                "foreground" => theme with { Foreground = color },
                "background" => theme with { Background = color },
                "selection_foreground" => theme with { SelectionForeground = color },
                "selection_background" => theme with { SelectionBackground = color },
                "accent" => theme with { Accent = color },
                "bar" => theme with { Bar = color },
                "alarm" => theme with { Alarm = color },
                _ => throw new FormatException($"theme {name}, line {i + 1}: unknown key \"{key}\""),
            };
        }

        return theme;
    }

    /// <summary>
    /// The themes in <paramref name="directories"/> (the first that has a name wins), dark and light first; the
    /// built-in dark and light when no file names them. A file that does not parse is skipped.
    /// </summary>
    public static IReadOnlyList<ConsoleTheme> Load(IEnumerable<string> directories)
    {
        var found = new Dictionary<string, ConsoleTheme>(StringComparer.Ordinal);
        foreach (string dir in directories.Where(Directory.Exists))
        {
            foreach (string file in Directory.EnumerateFiles(dir, "*.theme").Order(StringComparer.Ordinal))
            {
                string name = Path.GetFileNameWithoutExtension(file);
                if (found.ContainsKey(name))
                {
                    continue;
                }

                try
                {
                    found[name] = Parse(name, File.ReadAllText(file));
                }
                catch (Exception ex) when (ex is FormatException or IOException or UnauthorizedAccessException)
                {
                    // A broken theme file must not keep the console from starting; the built-in theme stands in.
                }
            }
        }

        found.TryAdd("dark", ConsoleTheme.Dark);
        found.TryAdd("light", ConsoleTheme.Light);
        return [found["dark"], found["light"], .. found.Values.Where(t => t.Name is not "dark" and not "light").OrderBy(t => t.Name, StringComparer.Ordinal)];
    }
}

using System.Text.RegularExpressions;
using SysMedic.Tests.Config;
using SysMedic.Tui.Views;

namespace SysMedic.Tests.Tui;

/// <summary>Help (F1), docs/console.md and the man page each name every console key with what it does.</summary>
public class KeyDocumentationTests
{
    // A key and a word of what it does, which must stand on one line of each text.
    private static readonly (string Key, string Does)[] Keys =
    [
        ("F1", "help"), ("F2", "users"), ("F3", "alerts"), ("F4", "processes"), ("F5", "history"), ("F6", "dashboard"),
        ("F7", "nice"), ("F8", "nice"), ("F9", "signal"), ("F10", "quit"), ("q", "quit"), ("d", "dashboard"),
        ("p", "pause"), ("t", "theme"), ("j", "move"), ("k", "move"), ("Home", "move"), ("End", "move"), ("PgUp", "move"),
        ("<", "sort"), ("r", "reverse"), ("/", "filter"), ("u", "user"), ("Space", "tag"), ("c", "children"),
        ("U", "untag"), ("e", "tree"), ("+", "unfold"), ("F", "follow"), ("a", "resolved"), ("Tab", "next"),
        ("Esc", "never quits"), ("Enter", "resolve"), ("--readonly", "signal"), ("--fleet", "fleet"), ("a", "fleet's alerts"),
    ];

    [Test]
    public void Help_names_every_key() => AssertNamesEveryKey(HelpDialog.Keys);

    [Test]
    public void The_console_documentation_names_every_key() =>
        AssertNamesEveryKey(File.ReadAllText(Path.Combine(ConfigFixtures.RepositoryRoot(), "docs", "console.md")));

    [Test]
    public void The_man_page_names_every_key()
    {
        // troff: a key is set on a .B/.BR line and what it does on the next; font escapes and \- are markup.
        string[] lines = File.ReadAllLines(Path.Combine(ConfigFixtures.RepositoryRoot(), "packaging", "man", "sysmedic.1"));
        var joined = new List<string>();
        for (int i = 0; i < lines.Length; i++)
        {
            if (lines[i].StartsWith(".B", StringComparison.Ordinal) && i + 1 < lines.Length)
            {
                joined.Add(Troff(lines[i]) + " " + Troff(lines[i + 1]) + " " + (i + 2 < lines.Length ? Troff(lines[i + 2]) : ""));
            }
        }

        AssertNamesEveryKey(string.Join('\n', joined));
    }

    [Test]
    public void A_text_without_a_key_fails_the_check()
    {
        string help = HelpDialog.Keys.Replace("F9 signal", "F9 ------", StringComparison.Ordinal);

        Assert.That(Missing(help), Does.Contain("F9 (signal)"));
    }

    private static void AssertNamesEveryKey(string text) => Assert.That(Missing(text), Is.Empty);

    private static List<string> Missing(string text)
    {
        string[] lines = text.Split('\n');
        return [.. Keys.Where(k => !lines.Any(l => Names(l, k.Key) && l.Contains(k.Does, StringComparison.OrdinalIgnoreCase)))
            .Select(k => $"{k.Key} ({k.Does})")];
    }

    // The key as a token of its own: "e" in "e tree" or "`e`", not the e of "the".
    private static bool Names(string line, string key) =>
        Regex.IsMatch(line, @"(?<![\w-])" + Regex.Escape(key) + @"(?![\w])");

    private static string Troff(string line) =>
        Regex.Replace(line, @"\\f[BIRP]|^\.[A-Z]+\s*|""", "").Replace(@"\-", "-", StringComparison.Ordinal);
}

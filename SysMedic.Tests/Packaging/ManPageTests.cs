using System.Text.RegularExpressions;
using static SysMedic.Tests.Packaging.PackagingTools;

namespace SysMedic.Tests.Packaging;

/// <summary>packaging/man/sysmedic.1: it renders without a warning and names the commands and options the CLI has.</summary>
public class ManPageTests
{
    private static string Page() => File.ReadAllText(RepoFile("packaging", "man", "sysmedic.1"));

    /// <summary>The page's text with font changes, brackets and escaped hyphens taken out: "alerts list --all".</summary>
    private static string Plain(string troff) =>
        Regex.Replace(troff, @"\\f[BIRP]|[\[\]]", "").Replace(@"\-", "-", StringComparison.Ordinal);

    /// <summary>The part of the page between two section headings.</summary>
    private static string Section(string from, string to)
    {
        string page = Page();
        int start = page.IndexOf($"\n.SH {from}\n", StringComparison.Ordinal);
        int end = page.IndexOf($"\n.SH {to}\n", StringComparison.Ordinal);
        Assert.That(start, Is.Positive, from);
        Assert.That(end, Is.GreaterThan(start), to);
        return page[start..end];
    }

    /// <summary>
    /// Every command path of the real CLI ("", "alerts", "alerts resolve", ...) with the options its --help lists,
    /// from the app host built beside the tests.
    /// </summary>
    private static List<(string Command, string[] Options)> CliCommands()
    {
        var found = new List<(string, string[])>();
        var pending = new Queue<string>([""]);
        while (pending.Count > 0)
        {
            string command = pending.Dequeue();
            string help = Succeed(BuiltBinary(), [.. command.Split(' ', StringSplitOptions.RemoveEmptyEntries), "--help"]);
            string options = Regex.Match(help, @"(?s)\nOptions:\n(.*?)(\n\n|$)").Groups[1].Value;
            string[] names = Regex.Matches(options, @"(?m)^  (\S.*?)(?:\s{2,}|$)")
                .SelectMany(m => Regex.Matches(m.Groups[1].Value, @"--[a-z][a-z-]*").Select(o => o.Value))
                .ToArray();
            found.Add((command, names));
            string commands = Regex.Match(help, @"(?s)\nCommands:\n(.*?)(\n\n|$)").Groups[1].Value;
            foreach (Match m in Regex.Matches(commands, @"(?m)^  ([a-z][a-z-]*)"))
            {
                pending.Enqueue((command + " " + m.Groups[1].Value).Trim());
            }
        }

        return found;
    }

    [Test]
    public void Renders_with_groff_without_a_warning()
    {
        string groff = Require("groff", "groff-base");
        var (code, output) = Run(groff, "-man", "-ww", "-z", RepoFile("packaging", "man", "sysmedic.1"));
        Assert.That(output, Is.Empty);
        Assert.That(code, Is.Zero);
    }

    [Test]
    public void Has_the_sections_of_a_command_page()
    {
        string[] headings = Regex.Matches(Page(), @"(?m)^\.SH (.+)$").Select(m => m.Groups[1].Value.Trim('"')).ToArray();
        Assert.That(headings, Is.SupersetOf(new[]
        {
            "NAME", "SYNOPSIS", "DESCRIPTION", "COMMANDS", "OPTIONS", "CONSOLE KEYS", "FILES", "ENVIRONMENT", "EXIT STATUS",
            "SEE ALSO",
        }));
        Assert.That(Page(), Does.Contain("\n.SH NAME\nsysmedic \\- "));
    }

    [Test]
    public void Names_every_command_and_option_of_the_cli()
    {
        string page = Plain(Section("COMMANDS", "CONSOLE KEYS"));
        foreach (var (command, options) in CliCommands())
        {
            if (command.Length > 0)
            {
                Assert.That(page, Does.Match($@"(?m)^\.B {Regex.Escape(command)}\b"), $"the command {command}");
            }

            foreach (string option in options.Where(o => o != "--help" || command.Length == 0))
            {
                Assert.That(page, Does.Contain(option), $"{option} of '{command}'");
            }
        }
    }

    [Test]
    public void Lists_no_option_the_cli_does_not_have()
    {
        HashSet<string> known = CliCommands().SelectMany(c => c.Options).ToHashSet();
        string[] listed = Regex.Matches(Plain(Section("SYNOPSIS", "CONSOLE KEYS")), @"(?<![\w-])--[a-z][a-z-]*").Select(m => m.Value).Distinct().ToArray();
        Assert.That(listed, Is.Not.Empty);
        Assert.That(listed, Is.SubsetOf(known));
    }
}

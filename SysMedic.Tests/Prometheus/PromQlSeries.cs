using System.Text.RegularExpressions;

namespace SysMedic.Tests.Prometheus;

/// <summary>
/// The series names a PromQL expression reads: what is left once strings, label matchers, range selectors, grouping
/// clauses, function names and keywords are taken out. Enough for the expressions SysMedic ships; not a PromQL parser.
/// </summary>
internal static partial class PromQlSeries
{
    private static readonly HashSet<string> Keywords = new(StringComparer.OrdinalIgnoreCase)
    {
        "and", "or", "unless", "by", "without", "on", "ignoring", "group_left", "group_right", "bool", "offset", "inf", "nan",
    };

    /// <summary>Every metric name <paramref name="expr"/> reads, in order of first use.</summary>
    public static IReadOnlyList<string> Of(string expr)
    {
        string rest = Strings().Replace(expr, " ");
        rest = Braces().Replace(rest, " ");
        rest = Brackets().Replace(rest, " ");
        rest = Grouping().Replace(rest, " ");
        return [.. Names().Matches(rest).Select(m => m.Value).Where(n => !Keywords.Contains(n)).Distinct(StringComparer.Ordinal)];
    }

    /// <summary>The metric of a Grafana <c>label_values(METRIC, label)</c> variable query, or null for another kind.</summary>
    public static string? OfLabelValues(string query) => LabelValues().Match(query) is { Success: true } m ? m.Groups[1].Value : null;

    [GeneratedRegex("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'")]
    private static partial Regex Strings();

    [GeneratedRegex(@"\{[^}]*\}")]
    private static partial Regex Braces();

    [GeneratedRegex(@"\[[^\]]*\]")]
    private static partial Regex Brackets();

    [GeneratedRegex(@"\b(?:by|without|on|ignoring|group_left|group_right)\s*\([^)]*\)")]
    private static partial Regex Grouping();

    // A whole name (atomic: "rate(" must not leave "rat"), not inside a number (2e9), not followed by "(" (a function
    // or an aggregation).
    [GeneratedRegex(@"(?<![\w.$:])(?>[a-zA-Z_:][a-zA-Z0-9_:]*)(?!\s*\()")]
    private static partial Regex Names();

    [GeneratedRegex(@"^\s*label_values\(\s*([a-zA-Z_:][a-zA-Z0-9_:]*)")]
    private static partial Regex LabelValues();
}

using YamlDotNet.Core;
using YamlDotNet.RepresentationModel;

namespace SysMedic.Core.Config;

/// <summary>Reads YAML text into YamlDotNet's representation model, turning every syntax problem into one message with a line.</summary>
internal static class ConfigYaml
{
    /// <summary>
    /// Parses a configuration document. <paramref name="root"/> is null for an empty file; false (with one error
    /// added) when the text is not YAML or not a mapping.
    /// </summary>
    public static bool TryParseDocument(string text, string source, List<ConfigDiagnostic> diagnostics, out YamlMappingNode? root)
    {
        root = null;
        if (!TryLoad(text, out var stream, out var error))
        {
            diagnostics.Add(error! with { Source = source });
            return false;
        }

        if (stream!.Documents.Count > 1)
        {
            var second = stream.Documents[1].RootNode.Start;
            diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, source, (int)second.Line, (int)second.Column, "",
                "more than one YAML document ('---'): keep the configuration in one"));
            return false;
        }

        if (stream.Documents.Count == 0 || ConfigValueKinds.IsNull(stream.Documents[0].RootNode))
        {
            return true;
        }

        var node = stream.Documents[0].RootNode;
        if (node is not YamlMappingNode map)
        {
            diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, source, (int)node.Start.Line, (int)node.Start.Column, "",
                $"{ConfigValueKinds.Describe(node)} is not a configuration: expected sections such as \"monitoring:\""));
            return false;
        }

        root = map;
        return true;
    }

    /// <summary>Parses one value such as <c>["root", "daemon"]</c>; <paramref name="problem"/> says what is wrong otherwise.</summary>
    public static bool TryParseValue(string text, out YamlNode node, out string problem)
    {
        node = new YamlScalarNode("");
        if (!TryLoad(text, out var stream, out var error))
        {
            problem = error!.Message;
            return false;
        }

        if (stream!.Documents.Count != 1)
        {
            problem = "expected one value";
            return false;
        }

        node = stream.Documents[0].RootNode;
        problem = "";
        return true;
    }

    /// <summary>
    /// Parses YAML text into documents; on a syntax error <paramref name="error"/> has its line and column (its
    /// <see cref="ConfigDiagnostic.Source"/> is empty for the caller to fill in).
    /// </summary>
    internal static bool TryLoad(string text, out YamlStream? stream, out ConfigDiagnostic? error)
    {
        var parser = new TrackingParser(new Parser(new StringReader(text)));
        stream = new YamlStream();
        try
        {
            stream.Load(parser);
            error = null;
            return true;
        }
        catch (YamlException ex)
        {
            error = Syntax(ex.Start.Line > 0 ? ex.Start : parser.LastEnd, Clean(ex.Message));
        }
        catch (Exception ex) when (ex is InvalidOperationException or ArgumentException or FormatException)
        {
            // Why: YamlDotNet reports a few malformed documents without a position; the last good event has one.
            error = Syntax(parser.LastEnd, "the document ends in the middle of a value (an unclosed [, { or quote?)");
        }

        stream = null;
        return false;
    }

    private static ConfigDiagnostic Syntax(Mark at, string message) =>
        new(ConfigSeverity.Error, "", Math.Max(1, (int)at.Line), Math.Max(1, (int)at.Column), "", "YAML syntax error: " + message);

    // YamlDotNet messages start with a capital and end with a period; ours continue a sentence.
    private static string Clean(string message)
    {
        string m = message.Trim().TrimEnd('.');
        return m.Length > 0 ? char.ToLowerInvariant(m[0]) + m[1..] : "unreadable YAML";
    }
}

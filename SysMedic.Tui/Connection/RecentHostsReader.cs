using System.Globalization;
using SysMedic.Core.Config;
using YamlDotNet.RepresentationModel;

namespace SysMedic.Tui.Connection;

/// <summary>
/// Reads the text of hosts.yaml. Strictly (the <c>hosts</c> commands, which rewrite the file) every mistake stops the
/// read with <c>FILE:LINE: key: problem</c>; leniently (the console) an entry that cannot be used is skipped and small
/// slips (an unknown key, a bad <c>tls</c> or <c>last_used</c>) are read as before: not TLS, never used.
/// </summary>
internal static class RecentHostsReader
{
    private static readonly string[] Keys = ["name", "host", "port", "tls", "secret", "secret_file", "last_used"];

    /// <summary>The hosts in <paramref name="text"/>, read from <paramref name="path"/>, in file order.</summary>
    /// <exception cref="HostsFileException">Only when <paramref name="strict"/>: the first mistake.</exception>
    public static List<RecentHost> Parse(string path, string text, bool strict)
    {
        var problems = new Problems(path, strict);
        if (!ConfigYaml.TryLoad(text, out YamlStream? stream, out ConfigDiagnostic? syntax))
        {
            problems.Fatal(syntax!.Line, syntax.Message);
            return [];
        }

        if (stream!.Documents.Count == 0 || ConfigValueKinds.IsNull(stream.Documents[0].RootNode))
        {
            return [];
        }

        YamlNode root = stream.Documents[0].RootNode;
        if (stream.Documents.Count > 1)
        {
            problems.Fatal(Line(stream.Documents[1].RootNode), "more than one YAML document ('---'): keep the hosts in one");
            return [];
        }

        if (root is not YamlMappingNode map)
        {
            problems.Fatal(Line(root), $"{ConfigValueKinds.Describe(root)} is not a hosts file: expected \"hosts:\" and a list");
            return [];
        }

        YamlNode? list = null;
        foreach (var (key, value) in map.Children)
        {
            if (key is YamlScalarNode { Value: "hosts" })
            {
                list = value;
            }
            else
            {
                problems.Minor(Line(key), $"{ConfigValueKinds.Describe(key)}: unknown key; the file has only \"hosts:\"");
            }
        }

        if (list is null || ConfigValueKinds.IsNull(list))
        {
            return [];
        }

        if (list is not YamlSequenceNode entries)
        {
            problems.Fatal(Line(list), $"hosts: {ConfigValueKinds.Describe(list)} is not a list of hosts (each \"- host: ...\")");
            return [];
        }

        var hosts = new List<RecentHost>();
        var names = new Dictionary<string, int>(StringComparer.OrdinalIgnoreCase);
        foreach (YamlNode node in entries)
        {
            problems.EntryFailed = false;
            if (ReadEntry(node, problems) is not { } host || problems.EntryFailed)
            {
                continue;
            }

            if (host.ExplicitName is { } name && !names.TryAdd(name, Line(node)))
            {
                problems.Minor(Line(node), $"name: \"{name}\" is already the name of the entry at line {names[name]}; names must differ (case aside)");
            }

            hosts.Add(host);
        }

        return hosts;
    }

    private static RecentHost? ReadEntry(YamlNode node, Problems problems)
    {
        if (node is not YamlMappingNode entry)
        {
            problems.Fatal(Line(node), $"hosts: {ConfigValueKinds.Describe(node)} is not a host; each is a mapping with host:, port: and secret: or secret_file:");
            return null;
        }

        var values = new Dictionary<string, YamlScalarNode>(StringComparer.Ordinal);
        foreach (var (keyNode, valueNode) in entry.Children)
        {
            string key = keyNode is YamlScalarNode { Value: { } k } ? k : "";
            if (!Keys.Contains(key))
            {
                problems.Minor(Line(keyNode), $"{ConfigValueKinds.Describe(keyNode)}: unknown key; a host has {string.Join(", ", Keys)}");
            }
            else if (valueNode is YamlScalarNode scalar && !ConfigValueKinds.IsNull(scalar))
            {
                values[key] = scalar;
            }
            else if (valueNode is not YamlScalarNode)
            {
                problems.Fatal(Line(valueNode), $"{key}: {ConfigValueKinds.Describe(valueNode)} is not a single value");
            }
        }

        // The entry is named in messages as the operator knows it: its name, else its address, else where it starts.
        string who = values.TryGetValue("name", out YamlScalarNode? n) ? n.Value! : values.TryGetValue("host", out YamlScalarNode? h) ? h.Value! : $"the host at line {Line(node)}";
        string? name = null;
        if (values.TryGetValue("name", out YamlScalarNode? nameNode))
        {
            name = nameNode.Value!;
            if (!RecentHosts.IsValidName(name))
            {
                problems.Fatal(Line(nameNode), $"{who}: name: \"{name}\" is not a plain word (1-64 letters, digits, '.', '-', '_')");
            }
        }

        if (!values.TryGetValue("host", out YamlScalarNode? hostNode))
        {
            problems.Fatal(Line(node), $"{who}: host: missing");
            return null;
        }

        int port = 0;
        if (!values.TryGetValue("port", out YamlScalarNode? portNode))
        {
            problems.Fatal(Line(node), $"{who}: port: missing");
        }
        else if (!int.TryParse(portNode.Value, NumberStyles.None, CultureInfo.InvariantCulture, out port) || port is < 1 or > 65535)
        {
            problems.Fatal(Line(portNode), $"{who}: port: \"{portNode.Value}\" is not a port number (1-65535)");
        }

        bool tls = false;
        if (values.TryGetValue("tls", out YamlScalarNode? tlsNode) && !bool.TryParse(tlsNode.Value, out tls))
        {
            problems.Minor(Line(tlsNode), $"{who}: tls: \"{tlsNode.Value}\" is not true or false");
        }

        string secret = values.TryGetValue("secret", out YamlScalarNode? secretNode) ? secretNode.Value! : "";
        string? secretFile = values.TryGetValue("secret_file", out YamlScalarNode? fileNode) ? fileNode.Value! : null;
        if (secretNode is not null && fileNode is not null)
        {
            problems.Fatal(Line(fileNode), $"{who}: secret and secret_file are both given; keep one");
        }
        else if (secretNode is null && fileNode is null)
        {
            problems.Fatal(Line(node), $"{who}: secret: missing; give secret: or secret_file:");
        }
        else if (secretFile is not null && !Path.IsPathFullyQualified(secretFile))
        {
            // A relative path would depend on the directory the console was started from.
            problems.Fatal(Line(fileNode!), $"{who}: secret_file: \"{secretFile}\" is not an absolute path");
        }

        DateTimeOffset used = DateTimeOffset.UnixEpoch;
        if (values.TryGetValue("last_used", out YamlScalarNode? usedNode)
            && !DateTimeOffset.TryParse(usedNode.Value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out used))
        {
            used = DateTimeOffset.UnixEpoch;
            problems.Minor(Line(usedNode), $"{who}: last_used: \"{usedNode.Value}\" is not a time such as 2026-11-26T13:05:00Z");
        }

        return new RecentHost(hostNode.Value!, port, tls, secret, used) { ExplicitName = name, SecretFile = secretFile };
    }

    private static int Line(YamlNode node) => Math.Max(1, (int)node.Start.Line);

    /// <summary>Where the mistakes go: thrown when strict; when lenient a fatal one skips its entry.</summary>
    private sealed class Problems(string path, bool strict)
    {
        /// <summary>Set by a fatal mistake in the entry being read.</summary>
        public bool EntryFailed { get; set; }

        public void Fatal(int line, string message)
        {
            EntryFailed = true;
            Minor(line, message);
        }

        public void Minor(int line, string message)
        {
            if (strict)
            {
                throw new HostsFileException(path, line, message);
            }
        }
    }
}

using YamlDotNet.RepresentationModel;

namespace SysMedic.Core.Config;

/// <summary>
/// Maps a parsed configuration document onto a <see cref="SysMedicConfig"/> by hand (no reflection, so it works
/// under Native AOT), recording where every value came from and every problem with its line and column.
/// </summary>
internal sealed class ConfigDocumentReader(string source, List<ConfigDiagnostic> diagnostics, Dictionary<string, ConfigOrigin> origins)
{
    public SysMedicConfig Read(YamlMappingNode root, SysMedicConfig config)
    {
        foreach (var (keyNode, valueNode) in root.Children)
        {
            string name = KeyName(keyNode, "");
            if (name.Length == 0)
            {
                continue;
            }

            if (ConfigKeys.Find(name) is { } key)
            {
                config = Apply(key, valueNode, config);
            }
            else if (name == ConfigKeys.UserThresholdsSection)
            {
                config = ReadUserThresholds(valueNode, config);
            }
            else if (ConfigKeys.Sections.Contains(name))
            {
                config = ReadSection(name, valueNode, config);
            }
            else
            {
                Unknown(keyNode, name, "", ConfigKeys.NamesIn(""));
            }
        }

        return config;
    }

    private SysMedicConfig ReadSection(string section, YamlNode node, SysMedicConfig config)
    {
        if (AsSection(node, section) is not { } map)
        {
            return config;
        }

        foreach (var (keyNode, valueNode) in map.Children)
        {
            string name = KeyName(keyNode, section);
            if (name.Length == 0)
            {
                continue;
            }

            if (ConfigKeys.Find($"{section}.{name}") is { } key)
            {
                config = Apply(key, valueNode, config);
            }
            else
            {
                Unknown(keyNode, name, section, ConfigKeys.NamesIn(section));
            }
        }

        return config;
    }

    private SysMedicConfig ReadUserThresholds(YamlNode node, SysMedicConfig config)
    {
        if (AsSection(node, ConfigKeys.UserThresholdsSection) is not { } users)
        {
            return config;
        }

        foreach (var (userNode, entryNode) in users.Children)
        {
            string user = KeyName(userNode, ConfigKeys.UserThresholdsSection);
            string path = $"{ConfigKeys.UserThresholdsSection}.{user}";
            if (user.Length == 0)
            {
                continue;
            }

            if (!ConfigValueKinds.IsUserName(user))
            {
                Error(userNode, path, $"{ConfigYamlText.DoubleQuoted(user)} is not a user name");
                continue;
            }

            if (AsSection(entryNode, path) is not { Children.Count: > 0 } entry)
            {
                if (entryNode is YamlMappingNode || ConfigValueKinds.IsNull(entryNode))
                {
                    diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Warning, source, (int)userNode.Start.Line, (int)userNode.Start.Column, path,
                        "no thresholds given, so the users section applies; add cpu_threshold or memory_threshold"));
                }

                continue;
            }

            foreach (var (keyNode, valueNode) in entry.Children)
            {
                string name = KeyName(keyNode, path);
                if (ConfigKeys.Find($"{path}.{name}") is { } key)
                {
                    config = Apply(key, valueNode, config);
                }
                else if (name.Length > 0)
                {
                    // Why an error: a misspelt per-user key would silently leave that user on the default threshold.
                    Error(keyNode, $"{path}.{name}", "unknown per-user key; allowed: cpu_threshold, memory_threshold" + ConfigKeySuggester.Hint(name, ConfigKeys.UserThresholdNames));
                }
            }
        }

        return config;
    }

    private SysMedicConfig Apply(ConfigKey key, YamlNode valueNode, SysMedicConfig config)
    {
        var problems = new List<ValueProblem>();
        object? value = key.Parse(valueNode, problems);
        foreach (var problem in problems)
        {
            Error(problem.Node, problem.KeyPath, problem.Message);
        }

        if (value is null || problems.Count > 0)
        {
            return config;
        }

        origins[key.Path] = new ConfigOrigin(ConfigSource.File, source, (int)valueNode.Start.Line, (int)valueNode.Start.Column);
        return key.With(config, value);
    }

    private YamlMappingNode? AsSection(YamlNode node, string path)
    {
        if (node is YamlMappingNode map)
        {
            return map;
        }

        if (!ConfigValueKinds.IsNull(node))
        {
            Error(node, path, $"{ConfigValueKinds.Describe(node)} is not a section: write one \"key: value\" per line under \"{path}:\"");
        }

        return null;
    }

    private string KeyName(YamlNode keyNode, string parent)
    {
        if (keyNode is YamlScalarNode { Value: { Length: > 0 } name })
        {
            return name;
        }

        Error(keyNode, parent, $"{ConfigValueKinds.Describe(keyNode)} is not a key name");
        return "";
    }

    private void Unknown(YamlNode keyNode, string name, string section, IEnumerable<string> known)
    {
        string path = section.Length == 0 ? name : $"{section}.{name}";
        string hint = ConfigKeySuggester.Hint(name, known);
        if (hint.Length == 0 && ConfigKeys.All.FirstOrDefault(k => k.Name == name) is { } elsewhere)
        {
            hint = $"; did you mean \"{elsewhere.Path}\"?";
        }

        diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Warning, source, (int)keyNode.Start.Line, (int)keyNode.Start.Column, path, "unknown key, ignored" + hint));
    }

    private void Error(YamlNode node, string path, string message) =>
        diagnostics.Add(new ConfigDiagnostic(ConfigSeverity.Error, source, (int)node.Start.Line, (int)node.Start.Column, path, message));
}

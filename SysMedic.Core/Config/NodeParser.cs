using YamlDotNet.RepresentationModel;

namespace SysMedic.Core.Config;

/// <summary>Reads one key's value from its YAML node; on failure adds to <paramref name="problems"/> and returns null.</summary>
internal delegate object? NodeParser(YamlNode node, string keyPath, List<ValueProblem> problems);

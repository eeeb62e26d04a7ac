using YamlDotNet.RepresentationModel;

namespace SysMedic.Core.Config;

/// <summary>A value that does not fit its key, with the node it was read from (for the line and column).</summary>
internal sealed record ValueProblem(YamlNode Node, string KeyPath, string Message);

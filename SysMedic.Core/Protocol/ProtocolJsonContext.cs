using System.Text.Json.Serialization;

namespace SysMedic.Core.Protocol;

/// <summary>
/// Source-generated JSON of the protocol: compact, snake_case, the type discriminator anywhere in the object. The
/// report (<see cref="Formatting.ReportJson"/>) uses it too, indented, for the snapshot it shares with the protocol.
/// </summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ProtocolMessage))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;

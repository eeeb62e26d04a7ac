using System.Text.Json.Serialization;

namespace SysMedic.Core.Protocol;

/// <summary>Source-generated JSON of the protocol: compact, snake_case, the type discriminator anywhere in the object.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = false,
    AllowOutOfOrderMetadataProperties = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals,
    DefaultIgnoreCondition = JsonIgnoreCondition.Never)]
[JsonSerializable(typeof(ProtocolMessage))]
public sealed partial class ProtocolJsonContext : JsonSerializerContext;

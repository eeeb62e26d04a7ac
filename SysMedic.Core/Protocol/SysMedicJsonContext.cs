using System.Text.Json.Serialization;
using SysMedic.Core.Sampling;

namespace SysMedic.Core.Protocol;

/// <summary>Source-generated JSON (no reflection, AOT-safe) with the snake_case names of the CLI, config and database.</summary>
[JsonSourceGenerationOptions(
    PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower,
    WriteIndented = true,
    NumberHandling = JsonNumberHandling.AllowNamedFloatingPointLiterals)]
[JsonSerializable(typeof(Snapshot))]
public sealed partial class SysMedicJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using SysMedic.Core.Storage;

namespace SysMedic.Tui.Commands;

/// <summary>Source-generated (AOT-safe) snake_case JSON for the <c>db</c> commands.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DatabaseStats))]
internal sealed partial class DbJsonContext : JsonSerializerContext;

using System.Text.Json.Serialization;
using SysMedic.Core.Protocol;
using SysMedic.Core.Storage;

namespace SysMedic.Tui.Commands;

/// <summary>Source-generated (AOT-safe) snake_case JSON for the commands' <c>--json</c> output.</summary>
[JsonSourceGenerationOptions(PropertyNamingPolicy = JsonKnownNamingPolicy.SnakeCaseLower, WriteIndented = true)]
[JsonSerializable(typeof(DatabaseStats))]
[JsonSerializable(typeof(List<AlertInfo>))]
[JsonSerializable(typeof(AlertInfo))]
[JsonSerializable(typeof(UsersReport))]
[JsonSerializable(typeof(HistoryReport))]
[JsonSerializable(typeof(UsageReport))]
[JsonSerializable(typeof(List<HostInfo>))]
internal sealed partial class CliJsonContext : JsonSerializerContext;

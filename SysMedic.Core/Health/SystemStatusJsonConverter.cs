using System.Text.Json;
using System.Text.Json.Serialization;

namespace SysMedic.Core.Health;

/// <summary>Writes a <see cref="SystemStatus"/> as its display text ("Heavy Load").</summary>
public sealed class SystemStatusJsonConverter : JsonConverter<SystemStatus>
{
    public override SystemStatus Read(ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        SystemStatusText.Parse(reader.GetString() ?? "") ?? throw new JsonException($"unknown status \"{reader.GetString()}\"");

    public override void Write(Utf8JsonWriter writer, SystemStatus value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value.ToDisplay());
}

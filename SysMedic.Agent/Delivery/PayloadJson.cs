using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace SysMedic.Agent.Delivery;

/// <summary>Writes small JSON objects with <see cref="Utf8JsonWriter"/> (no reflection, so the binary can be trimmed).</summary>
internal static class PayloadJson
{
    // Payloads and webhook bodies are never embedded in HTML, so '<', '&' and non-ASCII letters stay readable.
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Write(Action<Utf8JsonWriter> body)
    {
        var buffer = new ArrayBufferWriter<byte>();
        using (var writer = new Utf8JsonWriter(buffer, Options))
        {
            writer.WriteStartObject();
            body(writer);
            writer.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    public static string RequiredString(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()!
            : throw new DeliveryException($"the queued message has no \"{name}\"");

    public static long RequiredLong(JsonElement root, string name) =>
        root.TryGetProperty(name, out var value) && value.TryGetInt64(out long number)
            ? number
            : throw new DeliveryException($"the queued message has no \"{name}\"");
}

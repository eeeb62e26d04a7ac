using System.Text;
using System.Text.Json;

namespace SysMedic.Core.Protocol;

/// <summary>Turns protocol messages into JSON text and back, refusing what does not belong without ever throwing.</summary>
public static class ProtocolCodec
{
    /// <summary>The message as one line of compact JSON (no newline inside).</summary>
    public static string Serialize(ProtocolMessage message) =>
        JsonSerializer.Serialize(message, ProtocolJsonContext.Default.ProtocolMessage);

    /// <summary>The message as compact UTF-8 JSON, ready to send to many clients.</summary>
    public static byte[] SerializeToUtf8(ProtocolMessage message) =>
        JsonSerializer.SerializeToUtf8Bytes(message, ProtocolJsonContext.Default.ProtocolMessage);

    /// <summary>
    /// Parses one message. On failure <paramref name="error"/> says why, with the request id when one could be read:
    /// malformed JSON, a missing or unknown type, a message over <see cref="ProtocolMessage.MaxRequestBytes"/>, or
    /// fields of the wrong kind.
    /// </summary>
    public static bool TryParse(string text, out ProtocolMessage? message, out ErrorMessage? error)
    {
        message = null;
        error = null;
        if (Encoding.UTF8.GetByteCount(text) > ProtocolMessage.MaxRequestBytes)
        {
            error = new ErrorMessage(null, ErrorMessage.TooLarge, $"message over {ProtocolMessage.MaxRequestBytes} bytes");
            return false;
        }

        // One pass for a good message (every snapshot and summary): the document is read a second time only to say what
        // is wrong with a bad one, and with which request id.
        try
        {
            message = JsonSerializer.Deserialize(text, ProtocolJsonContext.Default.ProtocolMessage);
            if (message is not null)
            {
                return true;
            }
        }
        catch (Exception ex) when (ex is JsonException or NotSupportedException)
        {
            message = null;
        }

        string? id = null;
        try
        {
            using JsonDocument doc = JsonDocument.Parse(text);
            if (doc.RootElement.ValueKind != JsonValueKind.Object)
            {
                error = new ErrorMessage(null, ErrorMessage.BadJson, "a message is a JSON object");
                return false;
            }

            id = doc.RootElement.TryGetProperty("id", out JsonElement idElement) && idElement.ValueKind is JsonValueKind.String or JsonValueKind.Number
                ? idElement.ToString()
                : null;
            if (!doc.RootElement.TryGetProperty("type", out JsonElement type) || type.ValueKind != JsonValueKind.String)
            {
                error = new ErrorMessage(id, ErrorMessage.UnknownType, "the message has no \"type\"");
                return false;
            }

            message = doc.RootElement.Deserialize(ProtocolJsonContext.Default.ProtocolMessage);
            if (message is null)
            {
                error = new ErrorMessage(id, ErrorMessage.BadJson, "empty message");
                return false;
            }

            return true;
        }
        catch (JsonException ex) when (id is null && ex.Path is null or "$")
        {
            error = new ErrorMessage(null, ErrorMessage.BadJson, $"malformed JSON: {FirstLine(ex.Message)}");
            return false;
        }
        catch (JsonException ex) when (ex.Message.Contains("discriminator", StringComparison.OrdinalIgnoreCase))
        {
            error = new ErrorMessage(id, ErrorMessage.UnknownType, "unknown message type");
            return false;
        }
        catch (JsonException ex)
        {
            error = new ErrorMessage(id, ErrorMessage.BadRequest, $"bad field: {FirstLine(ex.Message)}");
            return false;
        }
        catch (NotSupportedException ex)
        {
            error = new ErrorMessage(id, ErrorMessage.UnknownType, FirstLine(ex.Message));
            return false;
        }
    }

    private static string FirstLine(string s)
    {
        int nl = s.IndexOf('\n', StringComparison.Ordinal);
        return nl < 0 ? s : s[..nl];
    }
}

using System.Text;
using System.Text.Json;

namespace ServerlessInstruct.LlmSimulator.Protocol;

/// <summary>
/// Reads a chat completion request body the way the service does: unknown fields are ignored, and every problem is
/// reported as a reason the caller can act on.
/// </summary>
internal static class ChatRequestParser
{
    public static bool TryParse(ReadOnlyMemory<byte> body, out ChatRequest request, out string error)
    {
        request = null!;
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(body);
        }
        catch (JsonException ex)
        {
            error = $"The request body is not valid JSON: {ex.Message}";
            return false;
        }

        using (document)
        {
            JsonElement root = document.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                error = "The request body must be a JSON object.";
                return false;
            }

            if (root.TryGetProperty("stream", out JsonElement stream) && stream.ValueKind == JsonValueKind.True)
            {
                error = "'stream': true is not supported by the simulator; send the request without streaming.";
                return false;
            }

            if (!TryReadMessages(root, out List<ChatMessage> messages, out error)
                || !TryReadMaxTokens(root, out int? maxTokens, out error)
                || !TryReadStop(root, out List<string> stop, out error)
                || !TryReadFormat(root, out ResponseFormat format, out error))
            {
                return false;
            }

            string? model = root.TryGetProperty("model", out JsonElement m) && m.ValueKind == JsonValueKind.String
                ? m.GetString()
                : null;
            request = new ChatRequest(model, messages, maxTokens, stop, format);
            error = "";
            return true;
        }
    }

    private static bool TryReadMessages(JsonElement root, out List<ChatMessage> messages, out string error)
    {
        messages = [];
        if (!root.TryGetProperty("messages", out JsonElement array) || array.ValueKind != JsonValueKind.Array)
        {
            error = "'messages' is required and must be an array.";
            return false;
        }

        int index = 0;
        foreach (JsonElement item in array.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.Object
                || !item.TryGetProperty("role", out JsonElement role)
                || role.ValueKind != JsonValueKind.String)
            {
                error = $"'messages[{index}]' must be an object with a string 'role'.";
                return false;
            }

            if (!TryReadContent(item, out string content))
            {
                error = $"'messages[{index}].content' must be a string, an array of content parts or null.";
                return false;
            }

            messages.Add(new ChatMessage(role.GetString()!, content));
            index++;
        }

        if (messages.Count == 0)
        {
            error = "'messages' must contain at least one message.";
            return false;
        }

        error = "";
        return true;
    }

    private static bool TryReadContent(JsonElement message, out string content)
    {
        content = "";
        if (!message.TryGetProperty("content", out JsonElement value))
        {
            return true;
        }

        switch (value.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                content = value.GetString()!;
                return true;
            case JsonValueKind.Array:
                var text = new StringBuilder();
                foreach (JsonElement part in value.EnumerateArray())
                {
                    if (part.ValueKind == JsonValueKind.Object
                        && part.TryGetProperty("text", out JsonElement partText)
                        && partText.ValueKind == JsonValueKind.String)
                    {
                        text.Append(partText.GetString());
                    }
                }

                content = text.ToString();
                return true;
            default:
                return false;
        }
    }

    private static bool TryReadMaxTokens(JsonElement root, out int? maxTokens, out string error)
    {
        maxTokens = null;
        foreach (string name in (ReadOnlySpan<string>)["max_completion_tokens", "max_tokens"])
        {
            if (!root.TryGetProperty(name, out JsonElement value) || value.ValueKind == JsonValueKind.Null)
            {
                continue;
            }

            if (value.ValueKind != JsonValueKind.Number || !value.TryGetInt32(out int n) || n < 1)
            {
                error = $"'{name}' must be a positive integer.";
                return false;
            }

            maxTokens = n;
            break;
        }

        error = "";
        return true;
    }

    private static bool TryReadStop(JsonElement root, out List<string> stop, out string error)
    {
        stop = [];
        error = "";
        if (!root.TryGetProperty("stop", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        if (value.ValueKind == JsonValueKind.String)
        {
            AddStop(stop, value.GetString()!);
            return true;
        }

        if (value.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement item in value.EnumerateArray())
            {
                if (item.ValueKind != JsonValueKind.String)
                {
                    error = "'stop' must be a string or an array of strings.";
                    return false;
                }

                AddStop(stop, item.GetString()!);
            }

            if (stop.Count <= 4)
            {
                return true;
            }

            error = $"'stop' accepts at most 4 sequences (got {stop.Count}).";
            return false;
        }

        error = "'stop' must be a string or an array of strings.";
        return false;
    }

    private static void AddStop(List<string> stop, string sequence)
    {
        if (sequence.Length > 0)
        {
            stop.Add(sequence);
        }
    }

    private static bool TryReadFormat(JsonElement root, out ResponseFormat format, out string error)
    {
        format = ResponseFormat.Text;
        error = "";
        if (!root.TryGetProperty("response_format", out JsonElement value) || value.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        string? type = value.ValueKind == JsonValueKind.Object
            && value.TryGetProperty("type", out JsonElement t)
            && t.ValueKind == JsonValueKind.String
                ? t.GetString()
                : null;
        switch (type)
        {
            case "text":
                return true;
            case "json_object":
                format = new ResponseFormat(ResponseFormatKind.JsonObject, null);
                return true;
            case "json_schema":
                if (value.TryGetProperty("json_schema", out JsonElement wrapper)
                    && wrapper.ValueKind == JsonValueKind.Object
                    && wrapper.TryGetProperty("schema", out JsonElement schema)
                    && schema.ValueKind == JsonValueKind.Object)
                {
                    format = new ResponseFormat(ResponseFormatKind.JsonSchema, schema.Clone());
                    return true;
                }

                error = "'response_format.json_schema.schema' is required and must be an object.";
                return false;
            default:
                error = "'response_format.type' must be 'text', 'json_object' or 'json_schema'.";
                return false;
        }
    }
}

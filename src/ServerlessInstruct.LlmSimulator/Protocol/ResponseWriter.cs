using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ServerlessInstruct.LlmSimulator.Protocol;

/// <summary>Response bodies in the services' own shapes.</summary>
internal static class ResponseWriter
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    private static readonly string[] FilterCategories = ["hate", "self_harm", "sexual", "violence"];

    public static byte[] Completion(ChatCompletion completion, ApiFlavor flavor)
    {
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteString("id", completion.Id);
            json.WriteString("object", "chat.completion");
            json.WriteNumber("created", completion.Created);
            json.WriteString("model", completion.Model);
            json.WriteString("system_fingerprint", "fp_simulator");
            if (flavor == ApiFlavor.Azure)
            {
                json.WriteStartArray("prompt_filter_results");
                json.WriteStartObject();
                json.WriteNumber("prompt_index", 0);
                WriteFilterResults(json, "content_filter_results", filtered: null, completion.PromptSeverities);
                json.WriteEndObject();
                json.WriteEndArray();
            }

            json.WriteStartArray("choices");
            json.WriteStartObject();
            json.WriteNumber("index", 0);
            json.WriteStartObject("message");
            json.WriteString("role", "assistant");
            if (completion.Content is null)
            {
                json.WriteNull("content");
            }
            else
            {
                json.WriteString("content", completion.Content);
            }

            json.WriteNull("refusal");
            json.WriteEndObject();
            json.WriteNull("logprobs");
            json.WriteString("finish_reason", completion.FinishReason);
            if (flavor == ApiFlavor.Azure)
            {
                WriteFilterResults(json, "content_filter_results", filtered: completion.Content is null ? "violence" : null, completion.OutputSeverities);
            }

            json.WriteEndObject();
            json.WriteEndArray();

            json.WriteStartObject("usage");
            json.WriteNumber("prompt_tokens", completion.PromptTokens);
            json.WriteNumber("completion_tokens", completion.CompletionTokens);
            json.WriteNumber("total_tokens", completion.PromptTokens + completion.CompletionTokens);
            json.WriteStartObject("prompt_tokens_details");
            json.WriteNumber("cached_tokens", completion.CachedTokens);
            json.WriteEndObject();
            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    /// <summary>
    /// An error body: <c>{"error": {"message", "type", "param", "code"}}</c>, the shape both services share; Azure's
    /// content filter refusal adds its status and <c>innererror.content_filter_result</c>.
    /// </summary>
    public static byte[] Error(string code, string message, string? type = null, string? param = null, bool contentFilter = false)
    {
        return Write(json =>
        {
            json.WriteStartObject();
            json.WriteStartObject("error");
            json.WriteString("message", message);
            WriteNullableString(json, "type", type);
            WriteNullableString(json, "param", param);
            json.WriteString("code", code);
            if (contentFilter)
            {
                json.WriteNumber("status", 400);
                json.WriteStartObject("innererror");
                json.WriteString("code", "ResponsibleAIPolicyViolation");
                WriteFilterResults(json, "content_filter_result", filtered: "violence");
                json.WriteEndObject();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        });
    }

    private static void WriteFilterResults(Utf8JsonWriter json, string propertyName, string? filtered, IReadOnlyDictionary<string, string>? severities = null)
    {
        json.WriteStartObject(propertyName);
        foreach (string category in FilterCategories)
        {
            json.WriteStartObject(category);
            bool isFiltered = category == filtered;
            json.WriteBoolean("filtered", isFiltered);
            json.WriteString("severity", isFiltered ? "medium" : severities?.GetValueOrDefault(category) ?? "safe");
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteNullableString(Utf8JsonWriter json, string name, string? value)
    {
        if (value is null)
        {
            json.WriteNull(name);
        }
        else
        {
            json.WriteString(name, value);
        }
    }

    private static byte[] Write(Action<Utf8JsonWriter> write)
    {
        var buffer = new ArrayBufferWriter<byte>(1024);
        using (var json = new Utf8JsonWriter(buffer, Options))
        {
            write(json);
        }

        return buffer.WrittenSpan.ToArray();
    }
}

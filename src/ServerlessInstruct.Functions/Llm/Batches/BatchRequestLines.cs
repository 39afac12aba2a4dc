using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;
using ServerlessInstruct.Core.Prompts;

namespace ServerlessInstruct.Functions.Llm.Batches;

/// <summary>
/// The input file of a batch: one JSON line per call, <c>{"custom_id", "method": "POST", "url", "body"}</c>, the body
/// being the chat completions request <see cref="ChatLlmClient"/> would send (messages, sampling, schema).
/// </summary>
public static class BatchRequestLines
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    /// <param name="url">The endpoint of every line: <c>/chat/completions</c> on Azure OpenAI, <c>/v1/chat/completions</c> on OpenAI.</param>
    /// <exception cref="ArgumentException">Two calls share a custom_id, so their answers could not be told apart.</exception>
    public static byte[] Write(IReadOnlyList<BatchCall> calls, string model, string url)
    {
        ArgumentNullException.ThrowIfNull(calls);
        var duplicate = calls.GroupBy(c => c.CustomId, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new ArgumentException($"custom_id '{duplicate.Key}' is used by {duplicate.Count()} calls; each needs its own.", nameof(calls));
        }

        var buffer = new ArrayBufferWriter<byte>(calls.Count * 2048);
        foreach (var call in calls)
        {
            using (var json = new Utf8JsonWriter(buffer, Options))
            {
                json.WriteStartObject();
                json.WriteString("custom_id", call.CustomId);
                json.WriteString("method", "POST");
                json.WriteString("url", url);
                json.WritePropertyName("body");
                WriteBody(json, call.Prompt, model);
                json.WriteEndObject();
            }

            buffer.Write("\n"u8);
        }

        return buffer.WrittenSpan.ToArray();
    }

    private static void WriteBody(Utf8JsonWriter json, ChatPrompt prompt, string model)
    {
        json.WriteStartObject();
        json.WriteString("model", model);
        json.WriteStartArray("messages");
        if (!string.IsNullOrEmpty(prompt.System))
        {
            WriteMessage(json, "system", prompt.System);
        }

        WriteMessage(json, "user", prompt.User);
        json.WriteEndArray();
        json.WriteNumber("temperature", prompt.Sampling.Temperature);
        json.WriteNumber("top_p", prompt.Sampling.TopP);
        json.WriteNumber("presence_penalty", prompt.Sampling.PresencePenalty);
        json.WriteNumber("max_completion_tokens", prompt.Sampling.MaxTokens);
        if (prompt.Sampling.StopSequences.Count > 0)
        {
            json.WriteStartArray("stop");
            foreach (var stop in prompt.Sampling.StopSequences)
            {
                json.WriteStringValue(stop);
            }

            json.WriteEndArray();
        }

        if (prompt.Output is { } output)
        {
            json.WriteStartObject("response_format");
            json.WriteString("type", "json_schema");
            json.WriteStartObject("json_schema");
            json.WriteString("name", output.SchemaName);
            json.WriteBoolean("strict", true);
            json.WritePropertyName("schema");
            json.WriteRawValue(output.Schema);
            json.WriteEndObject();
            json.WriteEndObject();
        }

        json.WriteEndObject();
    }

    private static void WriteMessage(Utf8JsonWriter json, string role, string content)
    {
        json.WriteStartObject();
        json.WriteString("role", role);
        json.WriteString("content", content);
        json.WriteEndObject();
    }
}

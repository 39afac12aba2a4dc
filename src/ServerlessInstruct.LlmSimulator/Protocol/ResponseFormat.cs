using System.Text.Json;

namespace ServerlessInstruct.LlmSimulator.Protocol;

internal enum ResponseFormatKind
{
    Text,
    JsonObject,
    JsonSchema,
}

/// <summary>The request's <c>response_format</c>; <see cref="Schema"/> is set for <c>json_schema</c>.</summary>
internal sealed record ResponseFormat(ResponseFormatKind Kind, JsonElement? Schema)
{
    public static ResponseFormat Text { get; } = new(ResponseFormatKind.Text, null);
}

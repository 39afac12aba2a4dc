using System.Text.Json;
using ServerlessInstruct.Core.Records;

namespace ServerlessInstruct.Functions.Llm;

/// <summary>
/// Reads Azure OpenAI's content-filter annotations: <c>prompt_filter_results[].content_filter_results</c> and
/// <c>choices[].content_filter_results</c> of a completion, <c>error.innererror.content_filter_result</c> of a refused
/// prompt. Each category is <c>{"filtered": bool, "severity": "safe|low|medium|high"}</c> or, for the detectors
/// (jailbreak, protected material), <c>{"filtered": bool, "detected": bool}</c>. Only what is above safe, filtered or
/// detected is returned. OpenAI's own API sends none of this, and then nothing is returned. Never throws.
/// </summary>
public static class ContentFilterAnnotations
{
    public const string Prompt = "prompt";

    public const string Output = "output";

    private const string Safe = "safe";

    /// <summary>The annotations of a completion body.</summary>
    public static IReadOnlyList<ContentFilterFlag> FromCompletion(BinaryData? body, string stage) =>
        Read(body, stage, root =>
        {
            var flags = new List<ContentFilterFlag>();
            if (root.TryGetProperty("prompt_filter_results", out var prompts) && prompts.ValueKind == JsonValueKind.Array)
            {
                foreach (var prompt in prompts.EnumerateArray())
                {
                    AddResults(flags, prompt, "content_filter_results", stage, Prompt);
                }
            }

            if (root.TryGetProperty("choices", out var choices) && choices.ValueKind == JsonValueKind.Array)
            {
                foreach (var choice in choices.EnumerateArray())
                {
                    AddResults(flags, choice, "content_filter_results", stage, Output);
                }
            }

            return flags;
        });

    /// <summary>The annotations of the error body Azure answers a filtered prompt with (HTTP 400, code content_filter).</summary>
    public static IReadOnlyList<ContentFilterFlag> FromError(BinaryData? body, string stage) =>
        Read(body, stage, root =>
        {
            var flags = new List<ContentFilterFlag>();
            if (root.TryGetProperty("error", out var error) && error.ValueKind == JsonValueKind.Object
                && error.TryGetProperty("innererror", out var inner) && inner.ValueKind == JsonValueKind.Object)
            {
                AddResults(flags, inner, "content_filter_result", stage, Prompt);
                AddResults(flags, inner, "content_filter_results", stage, Prompt);
            }

            return flags;
        });

    private static List<ContentFilterFlag> Read(BinaryData? body, string stage, Func<JsonElement, List<ContentFilterFlag>> read)
    {
        if (body is null || body.ToMemory().IsEmpty)
        {
            return [];
        }

        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object ? read(document.RootElement) : [];
        }
        catch (JsonException)
        {
            return [];
        }
    }

    private static void AddResults(List<ContentFilterFlag> flags, JsonElement parent, string property, string stage, string target)
    {
        if (parent.ValueKind != JsonValueKind.Object || !parent.TryGetProperty(property, out var results) || results.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        foreach (var category in results.EnumerateObject())
        {
            if (category.Value.ValueKind != JsonValueKind.Object)
            {
                continue;
            }

            var filtered = Boolean(category.Value, "filtered");
            var detected = Boolean(category.Value, "detected");
            var severity = category.Value.TryGetProperty("severity", out var s) && s.ValueKind == JsonValueKind.String ? s.GetString() : null;
            var raised = severity is not null && !string.Equals(severity, Safe, StringComparison.OrdinalIgnoreCase);
            if (filtered || detected || raised)
            {
                flags.Add(new ContentFilterFlag(stage, target, category.Name, raised ? severity : null, filtered));
            }
        }
    }

    private static bool Boolean(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.True;
}

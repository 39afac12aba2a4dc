using System.Diagnostics.CodeAnalysis;
using System.Text.Json;

namespace ServerlessInstruct.Core.Seeds;

/// <summary>Recognises the shape of one JSON record (docs/method.md#seed-files) and validates its fields.</summary>
internal static class SeedRecordParser
{
    public static bool TryParse(JsonElement root, [NotNullWhen(true)] out SeedRecord? record, [NotNullWhen(false)] out string? error)
    {
        record = null;
        if (root.ValueKind != JsonValueKind.Object)
        {
            error = $"expected a JSON object, found {Describe(root.ValueKind)}";
            return false;
        }

        if (!TryGetId(root, out var id, out error))
        {
            return false;
        }

        if (root.TryGetProperty("instances", out _))
        {
            return TryParseSelfInstruct(root, id, out record, out error);
        }

        if (root.TryGetProperty("question", out _) || root.TryGetProperty("answer", out _))
        {
            return TryParseQuestionAnswer(root, id, out record, out error);
        }

        if (root.TryGetProperty("instruction", out _))
        {
            return TryParseInstructionOutput(root, id, out record, out error);
        }

        error = "not a seed record: expected 'instruction' with 'instances', 'instruction' with 'output', or 'question' with 'answer'";
        return false;
    }

    private static bool TryParseSelfInstruct(JsonElement root, string? id, [NotNullWhen(true)] out SeedRecord? record, [NotNullWhen(false)] out string? error)
    {
        record = null;
        if (!TryGetRequiredText(root, "instruction", out var instruction, out error)
            || !TryGetText(root, "name", out var name, out error)
            || !TryGetFlag(root, "is_classification", out var isClassification, out error))
        {
            return false;
        }

        var instancesElement = root.GetProperty("instances");
        if (instancesElement.ValueKind != JsonValueKind.Array)
        {
            error = $"'instances' must be an array, not {Describe(instancesElement.ValueKind)}";
            return false;
        }

        var instances = new List<SeedInstance>(instancesElement.GetArrayLength());
        var position = 0;
        foreach (var item in instancesElement.EnumerateArray())
        {
            position++;
            if (item.ValueKind != JsonValueKind.Object)
            {
                error = $"instance {position} must be an object, not {Describe(item.ValueKind)}";
                return false;
            }

            if (!TryGetText(item, "input", out var input, out error) || !TryGetRequiredText(item, "output", out var output, out error))
            {
                error = $"instance {position}: {error}";
                return false;
            }

            instances.Add(new SeedInstance(input?.Trim() ?? string.Empty, output));
        }

        record = new SeedRecord(SeedFormat.SelfInstruct, id, instruction, instances, isClassification, name, Url: null);
        return true;
    }

    private static bool TryParseQuestionAnswer(JsonElement root, string? id, [NotNullWhen(true)] out SeedRecord? record, [NotNullWhen(false)] out string? error)
    {
        record = null;
        if (!TryGetRequiredText(root, "question", out var question, out error)
            || !TryGetText(root, "body", out var body, out error)
            || !TryGetRequiredText(root, "answer", out var answer, out error)
            || !TryGetText(root, "url", out var url, out error))
        {
            return false;
        }

        record = new SeedRecord(SeedFormat.QuestionAnswer, id, question, [new SeedInstance(body?.Trim() ?? string.Empty, answer)], false, null, url);
        return true;
    }

    private static bool TryParseInstructionOutput(JsonElement root, string? id, [NotNullWhen(true)] out SeedRecord? record, [NotNullWhen(false)] out string? error)
    {
        record = null;
        if (!TryGetRequiredText(root, "instruction", out var instruction, out error)
            || !TryGetText(root, "input", out var input, out error)
            || !TryGetRequiredText(root, "output", out var output, out error)
            || !TryGetText(root, "url", out var url, out error))
        {
            return false;
        }

        // KoAlpaca v1.1 records carry a source url and never an input; Alpaca records carry an input (possibly empty).
        var shape = url is not null && !root.TryGetProperty("input", out _) ? SeedFormat.QuestionAnswer : SeedFormat.Alpaca;
        record = new SeedRecord(shape, id, instruction, [new SeedInstance(input?.Trim() ?? string.Empty, output)], false, null, url);
        return true;
    }

    private static bool TryGetId(JsonElement root, out string? id, [NotNullWhen(false)] out string? error)
    {
        id = null;
        error = null;
        if (!root.TryGetProperty("id", out var element) || element.ValueKind == JsonValueKind.Null)
        {
            return true;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.String when !string.IsNullOrWhiteSpace(element.GetString()):
                id = element.GetString()!.Trim();
                return true;
            case JsonValueKind.Number when element.TryGetInt64(out var number):
                id = number.ToString(System.Globalization.CultureInfo.InvariantCulture);
                return true;
            default:
                error = "'id' must be a non-empty string or an integer";
                return false;
        }
    }

    /// <summary>Reads an optional text field; numbers and booleans are taken as their JSON text.</summary>
    private static bool TryGetText(JsonElement root, string name, out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        error = null;
        if (!root.TryGetProperty(name, out var element))
        {
            return true;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String:
                value = element.GetString();
                return true;
            case JsonValueKind.Number or JsonValueKind.True or JsonValueKind.False:
                value = element.GetRawText();
                return true;
            default:
                error = $"'{name}' must be text, not {Describe(element.ValueKind)}";
                return false;
        }
    }

    private static bool TryGetRequiredText(JsonElement root, string name, [NotNullWhen(true)] out string? value, [NotNullWhen(false)] out string? error)
    {
        value = null;
        if (!TryGetText(root, name, out var text, out error))
        {
            return false;
        }

        if (text is null)
        {
            error = $"missing '{name}'";
            return false;
        }

        if (string.IsNullOrWhiteSpace(text))
        {
            error = $"'{name}' is empty";
            return false;
        }

        value = text.Trim();
        return true;
    }

    private static bool TryGetFlag(JsonElement root, string name, out bool value, [NotNullWhen(false)] out string? error)
    {
        value = false;
        error = null;
        if (!root.TryGetProperty(name, out var element))
        {
            return true;
        }

        switch (element.ValueKind)
        {
            case JsonValueKind.True or JsonValueKind.False:
                value = element.GetBoolean();
                return true;
            case JsonValueKind.Null:
                return true;
            case JsonValueKind.String when bool.TryParse(element.GetString()?.Trim(), out var parsed):
                value = parsed;
                return true;
            default:
                error = $"'{name}' must be true or false";
                return false;
        }
    }

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "nothing",
    };
}

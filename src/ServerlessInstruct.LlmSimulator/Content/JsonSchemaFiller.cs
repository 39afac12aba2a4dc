using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>
/// Writes a JSON value valid against a structured-output schema: objects with their properties (all required ones,
/// most optional ones), arrays within minItems/maxItems, enums, consts, booleans, numbers within bounds, local
/// <c>$ref</c>s and the first usable branch of anyOf/oneOf. Property names the pipeline uses get fitting content
/// (<c>instructions</c>, <c>is_classification</c>, <c>instances</c>, <c>tasks</c>, <c>input</c>, <c>output</c>,
/// <c>class_label</c>); an <c>items</c> array answers the prompt's <c>Item N</c> blocks, one entry per item with its
/// number as <c>id</c>; any other string gets a plausible sentence.
/// </summary>
internal sealed class JsonSchemaFiller
{
    private const int MaxDepth = 12;

    private static readonly JsonWriterOptions WriterOptions = new()
    {
        Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping,
    };

    private readonly JsonElement _root;
    private readonly SentenceWriter _writer;
    private readonly PromptAnalysis _prompt;
    private readonly ItemShares _shares;
    private readonly int _maxListItems;
    private readonly bool _isClassification;
    private readonly (string First, string Second) _labels;

    // The batch item or task being written, if any: its id, and whether it carries an input.
    private BatchItem? _item;
    private bool _inTask;

    // Instance answers for a task that needs no input leave every input empty, as the plain-text answers do.
    private readonly bool _outputOnly;

    private JsonSchemaFiller(JsonElement root, SentenceWriter writer, PromptAnalysis prompt, ItemShares shares, int maxListItems)
    {
        _root = root;
        _writer = writer;
        _prompt = prompt;
        _shares = shares;
        _maxListItems = maxListItems;
        _isClassification = writer.LooksLikeClassification(prompt.Task);
        _labels = writer.Labels(prompt.Task);
        _outputOnly = prompt.AsksInstances && !_isClassification && writer.Random.Chance(ContentGenerator.OutputOnlyTaskShare);
    }

    public static string Fill(JsonElement schema, SentenceWriter writer, PromptAnalysis prompt, ItemShares shares, int maxListItems)
    {
        var filler = new JsonSchemaFiller(schema, writer, prompt, shares, maxListItems);
        var buffer = new ArrayBufferWriter<byte>();
        using (var json = new Utf8JsonWriter(buffer, WriterOptions))
        {
            filler.WriteValue(json, schema, propertyName: null, depth: 0);
        }

        return Encoding.UTF8.GetString(buffer.WrittenSpan);
    }

    private void WriteValue(Utf8JsonWriter json, JsonElement schema, string? propertyName, int depth)
    {
        schema = Resolve(schema, depth);
        if (schema.ValueKind != JsonValueKind.Object)
        {
            // `true` or an unreadable schema accepts anything.
            json.WriteStringValue(Text(propertyName));
            return;
        }

        if (schema.TryGetProperty("const", out JsonElement constant))
        {
            constant.WriteTo(json);
            return;
        }

        if (schema.TryGetProperty("enum", out JsonElement choices)
            && choices.ValueKind == JsonValueKind.Array
            && choices.GetArrayLength() > 0)
        {
            choices[_writer.Random.Next(choices.GetArrayLength())].WriteTo(json);
            return;
        }

        foreach (string combinator in (ReadOnlySpan<string>)["anyOf", "oneOf", "allOf"])
        {
            if (schema.TryGetProperty(combinator, out JsonElement branches)
                && branches.ValueKind == JsonValueKind.Array
                && branches.GetArrayLength() > 0)
            {
                WriteValue(json, PreferNonNull(branches, depth), propertyName, depth + 1);
                return;
            }
        }

        switch (TypeOf(schema))
        {
            case "object":
                WriteObject(json, schema, depth);
                break;
            case "array":
                WriteArray(json, schema, propertyName, depth);
                break;
            case "boolean":
                json.WriteBooleanValue(IsClassificationProperty(propertyName) ? _isClassification : _writer.Random.Chance(0.5));
                break;
            case "integer" when _item is not null && propertyName is "id":
                json.WriteNumberValue(_item.Number);
                break;
            case "integer":
                json.WriteNumberValue(Integer(schema));
                break;
            case "number":
                json.WriteNumberValue(Integer(schema) + (_writer.Random.Next(100) / 100.0));
                break;
            case "null":
                json.WriteNullValue();
                break;
            default:
                json.WriteStringValue(LimitLength(schema, Text(propertyName)));
                break;
        }
    }

    private void WriteObject(Utf8JsonWriter json, JsonElement schema, int depth)
    {
        json.WriteStartObject();
        if (depth < MaxDepth
            && schema.TryGetProperty("properties", out JsonElement properties)
            && properties.ValueKind == JsonValueKind.Object)
        {
            HashSet<string> required = RequiredOf(schema);
            foreach (JsonProperty property in properties.EnumerateObject())
            {
                if (required.Contains(property.Name) || _writer.Random.Chance(0.8))
                {
                    json.WritePropertyName(property.Name);
                    WriteValue(json, property.Value, property.Name, depth + 1);
                }
            }
        }

        json.WriteEndObject();
    }

    private void WriteArray(Utf8JsonWriter json, JsonElement schema, string? propertyName, int depth)
    {
        int min = IntProperty(schema, "minItems") ?? 0;
        int? max = IntProperty(schema, "maxItems");
        // A model asked for "up to N" items usually writes close to N; without a bound it writes a handful.
        int count = depth >= MaxDepth
            ? min
            : max is int upper
                ? _writer.Random.Between(Math.Max(min, upper - 2), Math.Max(min, upper))
                : _writer.Random.Between(Math.Max(min, 1), Math.Max(min, _maxListItems));

        JsonElement items = schema.TryGetProperty("items", out JsonElement i) ? i : default;
        if (propertyName == "items" && _prompt.BatchItems.Count > 0 && items.ValueKind != JsonValueKind.Undefined)
        {
            WriteBatchItems(json, items, depth);
            return;
        }

        bool outer = _inTask;
        _inTask = propertyName == "tasks";
        json.WriteStartArray();
        for (int n = 0; n < count; n++)
        {
            if (items.ValueKind == JsonValueKind.Undefined)
            {
                json.WriteStringValue(Text(Singular(propertyName)));
            }
            else
            {
                WriteValue(json, items, Singular(propertyName), depth + 1);
            }
        }

        json.WriteEndArray();
        _inTask = outer;
    }

    /// <summary>One entry per item of the prompt, now and then leaving one out as the plain-text reply does.</summary>
    private void WriteBatchItems(Utf8JsonWriter json, JsonElement items, int depth)
    {
        json.WriteStartArray();
        foreach (BatchItem item in _prompt.BatchItems)
        {
            if (_writer.Random.Chance(ContentGenerator.SkippedItemShare))
            {
                continue;
            }

            _item = item;
            WriteValue(json, items, "item", depth + 1);
        }

        _item = null;
        json.WriteEndArray();
    }

    /// <summary>Text fitting the property's meaning in the pipeline's schemas.</summary>
    private string Text(string? propertyName)
    {
        string name = (propertyName ?? "").ToLowerInvariant();
        if (name.Contains("label", StringComparison.Ordinal) || name is "class" or "category")
        {
            return _writer.Random.Chance(0.5) ? _labels.First : _labels.Second;
        }

        if (name.Contains("instruction", StringComparison.Ordinal) || name is "task" or "question" or "prompt")
        {
            return _writer.Instruction(_shares);
        }

        if (name.Contains("input", StringComparison.Ordinal) || name is "context")
        {
            bool hasInput = _item?.HasInput ?? (_inTask ? _writer.Random.Chance(ContentGenerator.TaskInputShare) : !_outputOnly);
            return hasInput ? _writer.Statements(2) : "";
        }

        if (_item?.Span is { } span)
        {
            return _writer.SpanAnswer(span, ContentGenerator.UnfaithfulAnswerShare);
        }

        var text = _writer.Statements(_prompt.AsksInstances ? 2 : 3);
        return name is "output" or "answer" or "response" ? _shares.Output(text, _prompt.Language) : text;
    }

    private static bool IsClassificationProperty(string? name) =>
        name is not null && name.Contains("classification", StringComparison.OrdinalIgnoreCase);

    /// <summary>An array property's item name: "instructions" holds instructions, "instances" holds instances.</summary>
    private static string? Singular(string? name) =>
        name is { Length: > 1 } && name.EndsWith('s') ? name[..^1] : name;

    private JsonElement Resolve(JsonElement schema, int depth)
    {
        for (int hops = 0; hops < MaxDepth
            && schema.ValueKind == JsonValueKind.Object
            && schema.TryGetProperty("$ref", out JsonElement reference)
            && reference.ValueKind == JsonValueKind.String; hops++)
        {
            JsonElement? target = Pointer(reference.GetString()!);
            if (target is null || depth > MaxDepth)
            {
                return default;
            }

            schema = target.Value;
        }

        return schema;
    }

    /// <summary>Follows a local JSON pointer such as <c>#/$defs/instance</c>.</summary>
    private JsonElement? Pointer(string reference)
    {
        if (!reference.StartsWith('#'))
        {
            return null;
        }

        JsonElement current = _root;
        foreach (string segment in reference[1..].Split('/', StringSplitOptions.RemoveEmptyEntries))
        {
            string name = Uri.UnescapeDataString(segment).Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal);
            if (current.ValueKind != JsonValueKind.Object || !current.TryGetProperty(name, out current))
            {
                return null;
            }
        }

        return current;
    }

    private JsonElement PreferNonNull(JsonElement branches, int depth)
    {
        foreach (JsonElement branch in branches.EnumerateArray())
        {
            if (TypeOf(Resolve(branch, depth)) != "null")
            {
                return branch;
            }
        }

        return branches[0];
    }

    private static string? TypeOf(JsonElement schema)
    {
        if (schema.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        if (schema.TryGetProperty("type", out JsonElement type))
        {
            if (type.ValueKind == JsonValueKind.String)
            {
                return type.GetString();
            }

            if (type.ValueKind == JsonValueKind.Array)
            {
                string? fallback = null;
                foreach (JsonElement option in type.EnumerateArray())
                {
                    string? name = option.ValueKind == JsonValueKind.String ? option.GetString() : null;
                    if (name is not null and not "null")
                    {
                        return name;
                    }

                    fallback ??= name;
                }

                return fallback;
            }
        }

        if (schema.TryGetProperty("properties", out _))
        {
            return "object";
        }

        return schema.TryGetProperty("items", out _) ? "array" : null;
    }

    private static HashSet<string> RequiredOf(JsonElement schema)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (schema.TryGetProperty("required", out JsonElement list) && list.ValueKind == JsonValueKind.Array)
        {
            foreach (JsonElement name in list.EnumerateArray())
            {
                if (name.ValueKind == JsonValueKind.String)
                {
                    required.Add(name.GetString()!);
                }
            }
        }

        return required;
    }

    private long Integer(JsonElement schema)
    {
        long min = Bound(schema, "minimum", Math.Ceiling) ?? (Bound(schema, "exclusiveMinimum", Math.Floor) + 1) ?? 0;
        long max = Bound(schema, "maximum", Math.Floor) ?? (Bound(schema, "exclusiveMaximum", Math.Ceiling) - 1) ?? min + 100;
        if (max <= min)
        {
            return min;
        }

        ulong span = (ulong)(max - min) + 1;
        return min + (long)(_writer.Random.NextUInt64() % span);
    }

    private static string LimitLength(JsonElement schema, string text)
    {
        int? maxLength = IntProperty(schema, "maxLength");
        return maxLength is int limit && limit >= 0 && text.Length > limit ? text[..limit] : text;
    }

    private static int? IntProperty(JsonElement schema, string name) =>
        schema.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetInt32(out int n)
            ? n
            : null;

    private static long? Bound(JsonElement schema, string name, Func<double, double> round) =>
        schema.TryGetProperty(name, out JsonElement value) && value.ValueKind == JsonValueKind.Number && value.TryGetDouble(out double d)
            ? (long)round(Math.Clamp(d, -1e15, 1e15))
            : null;
}

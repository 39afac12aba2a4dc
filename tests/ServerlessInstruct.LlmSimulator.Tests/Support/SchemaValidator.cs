using System.Text.Json;

namespace ServerlessInstruct.LlmSimulator.Tests.Support;

/// <summary>
/// Checks a JSON value against the subset of JSON Schema that structured outputs use (type, properties, required,
/// additionalProperties, items, minItems, maxItems, enum, minimum, maximum, $ref to $defs). Returns every violation.
/// </summary>
internal static class SchemaValidator
{
    public static List<string> Validate(JsonElement value, JsonElement schema)
    {
        var errors = new List<string>();
        Check(value, schema, schema, "$", errors);
        return errors;
    }

    private static void Check(JsonElement value, JsonElement schema, JsonElement root, string path, List<string> errors)
    {
        if (schema.TryGetProperty("$ref", out JsonElement reference))
        {
            string name = reference.GetString()!.Split('/')[^1];
            Check(value, root.GetProperty("$defs").GetProperty(name), root, path, errors);
            return;
        }

        if (schema.TryGetProperty("enum", out JsonElement choices)
            && !choices.EnumerateArray().Any(c => c.GetRawText() == value.GetRawText()))
        {
            errors.Add($"{path}: {value.GetRawText()} is not one of {choices.GetRawText()}");
        }

        string? type = schema.TryGetProperty("type", out JsonElement t) ? t.GetString() : null;
        switch (type)
        {
            case "object" when value.ValueKind != JsonValueKind.Object:
            case "array" when value.ValueKind != JsonValueKind.Array:
            case "string" when value.ValueKind != JsonValueKind.String:
            case "boolean" when value.ValueKind is not (JsonValueKind.True or JsonValueKind.False):
            case "integer" when value.ValueKind != JsonValueKind.Number || !value.TryGetInt64(out _):
                errors.Add($"{path}: expected {type}, got {value.ValueKind}");
                return;
        }

        if (type == "object")
        {
            JsonElement properties = schema.GetProperty("properties");
            if (schema.TryGetProperty("required", out JsonElement requiredList))
            {
                foreach (JsonElement required in requiredList.EnumerateArray())
                {
                    if (!value.TryGetProperty(required.GetString()!, out _))
                    {
                        errors.Add($"{path}: missing required property '{required.GetString()}'");
                    }
                }
            }

            bool closed = schema.TryGetProperty("additionalProperties", out JsonElement additional) && additional.ValueKind == JsonValueKind.False;
            foreach (JsonProperty property in value.EnumerateObject())
            {
                if (properties.TryGetProperty(property.Name, out JsonElement propertySchema))
                {
                    Check(property.Value, propertySchema, root, $"{path}.{property.Name}", errors);
                }
                else if (closed)
                {
                    errors.Add($"{path}: unexpected property '{property.Name}'");
                }
            }
        }

        if (type == "array")
        {
            int count = value.GetArrayLength();
            if (schema.TryGetProperty("minItems", out JsonElement min) && count < min.GetInt32())
            {
                errors.Add($"{path}: {count} items, fewer than minItems {min.GetInt32()}");
            }

            if (schema.TryGetProperty("maxItems", out JsonElement max) && count > max.GetInt32())
            {
                errors.Add($"{path}: {count} items, more than maxItems {max.GetInt32()}");
            }

            int index = 0;
            foreach (JsonElement item in value.EnumerateArray())
            {
                Check(item, schema.GetProperty("items"), root, $"{path}[{index++}]", errors);
            }
        }

        if (type == "integer")
        {
            long n = value.GetInt64();
            if (schema.TryGetProperty("minimum", out JsonElement minimum) && n < minimum.GetInt64())
            {
                errors.Add($"{path}: {n} is below minimum {minimum.GetInt64()}");
            }

            if (schema.TryGetProperty("maximum", out JsonElement maximum) && n > maximum.GetInt64())
            {
                errors.Add($"{path}: {n} is above maximum {maximum.GetInt64()}");
            }
        }
    }
}

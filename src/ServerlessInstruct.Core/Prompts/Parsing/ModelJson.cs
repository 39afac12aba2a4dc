using System.Diagnostics.CodeAnalysis;
using System.Text;
using System.Text.Json;

namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>Reads the JSON a model wrote, tolerating Markdown fences, text around it and a cut-off end.</summary>
internal static class ModelJson
{
    /// <summary>
    /// Returns the JSON of a reply when it is one: the body of a <c>```</c> fence if there is one, and in any case
    /// text that starts with <c>{</c> or <c>[</c>.
    /// </summary>
    public static bool TryLocate(string response, [NotNullWhen(true)] out string? json)
    {
        var text = response.AsSpan().Trim();
        var fence = text.IndexOf("```", StringComparison.Ordinal);
        if (fence >= 0)
        {
            var body = text[(fence + 3)..];
            var firstLineEnd = body.IndexOf('\n');
            body = firstLineEnd >= 0 ? body[(firstLineEnd + 1)..] : [];
            var closing = body.IndexOf("```", StringComparison.Ordinal);
            text = (closing >= 0 ? body[..closing] : body).Trim();
        }

        if (text is ['{', ..] or ['[', ..])
        {
            json = text.ToString();
            return true;
        }

        json = null;
        return false;
    }

    /// <summary>
    /// Converts the complete items of the array under <paramref name="property"/> (or of a top-level array). Reading stops
    /// at the first item that is cut off or invalid; the items before it are kept.
    /// </summary>
    /// <param name="convert">Returns null for an item of the wrong shape, which is counted in <see cref="ArrayRead{T}.Unusable"/>.</param>
    public static ArrayRead<T> ReadArray<T>(string json, string property, Func<JsonElement, T?> convert)
        where T : class
    {
        var items = new List<T>();
        var unusable = 0;
        var reader = new Utf8JsonReader(Encoding.UTF8.GetBytes(json), isFinalBlock: false, state: default);
        try
        {
            if (!reader.Read())
            {
                return new ArrayRead<T>(items, unusable, ArrayEnd.CutOff, null);
            }

            if (reader.TokenType == JsonTokenType.StartObject)
            {
                if (FindArrayProperty(ref reader, property) is { } missing)
                {
                    return new ArrayRead<T>(items, unusable, missing.End, missing.Error);
                }
            }
            else if (reader.TokenType != JsonTokenType.StartArray)
            {
                return new ArrayRead<T>(items, unusable, ArrayEnd.Invalid, "expected a JSON object or array");
            }

            while (true)
            {
                if (!reader.Read())
                {
                    return new ArrayRead<T>(items, unusable, ArrayEnd.CutOff, null);
                }

                if (reader.TokenType == JsonTokenType.EndArray)
                {
                    return new ArrayRead<T>(items, unusable, ArrayEnd.Complete, null);
                }

                if (!JsonDocument.TryParseValue(ref reader, out var document))
                {
                    return new ArrayRead<T>(items, unusable, ArrayEnd.CutOff, null);
                }

                using (document)
                {
                    if (convert(document.RootElement) is { } item)
                    {
                        items.Add(item);
                    }
                    else
                    {
                        unusable++;
                    }
                }
            }
        }
        catch (Exception exception) when (exception is JsonException or InvalidOperationException)
        {
            // InvalidOperationException: a property name escaping a lone surrogate (\ud800) is valid JSON but not text.
            return new ArrayRead<T>(items, unusable, ArrayEnd.Invalid, exception.Message);
        }
    }

    /// <summary>Parses a whole JSON object, or returns null with the reason it is not one.</summary>
    public static JsonDocument? TryParseObject(string json, out string? error)
    {
        try
        {
            var document = JsonDocument.Parse(json);
            error = document.RootElement.ValueKind != JsonValueKind.Object ? "expected a JSON object"
                : !IsAllText(document.RootElement) ? "a name or string escapes a lone surrogate (such as \\ud800), which is not text"
                : null;
            if (error is null)
            {
                return document;
            }

            document.Dispose();
            return null;
        }
        catch (Exception exception) when (exception is JsonException or ArgumentException)
        {
            // ArgumentException: the text holds a lone surrogate, which cannot be transcoded to UTF-8 for the parser.
            error = exception.Message;
            return null;
        }
    }

    /// <summary>
    /// Whether every name and string can be read as text. JSON may escape a lone surrogate (<c>"\ud800"</c>), which
    /// no string can hold: reading it throws, so a document is checked once here rather than at every read.
    /// </summary>
    private static bool IsAllText(JsonElement element)
    {
        try
        {
            Visit(element);
            return true;
        }
        catch (InvalidOperationException)
        {
            return false;
        }

        static void Visit(JsonElement element)
        {
            switch (element.ValueKind)
            {
                case JsonValueKind.Object:
                    foreach (var property in element.EnumerateObject())
                    {
                        _ = property.Name;
                        Visit(property.Value);
                    }

                    break;
                case JsonValueKind.Array:
                    foreach (var item in element.EnumerateArray())
                    {
                        Visit(item);
                    }

                    break;
                case JsonValueKind.String:
                    _ = element.GetString();
                    break;
            }
        }
    }

    /// <summary>Text of a string property, looked up case-insensitively; null when absent or not text.</summary>
    public static string? GetText(JsonElement element, params ReadOnlySpan<string> names)
    {
        if (element.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        foreach (var candidate in element.EnumerateObject())
        {
            foreach (var name in names)
            {
                if (string.Equals(candidate.Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    return candidate.Value.ValueKind switch
                    {
                        JsonValueKind.String => candidate.Value.GetString(),
                        JsonValueKind.Number => candidate.Value.GetRawText(),
                        _ => null,
                    };
                }
            }
        }

        return null;
    }

    /// <summary>Moves the reader onto the array of <paramref name="property"/>; returns why not when it cannot.</summary>
    private static (ArrayEnd End, string? Error)? FindArrayProperty(ref Utf8JsonReader reader, string property)
    {
        while (true)
        {
            if (!reader.Read())
            {
                return (ArrayEnd.CutOff, null);
            }

            if (reader.TokenType == JsonTokenType.EndObject)
            {
                return (ArrayEnd.Invalid, $"no '{property}' array in the JSON object");
            }

            var name = reader.GetString();
            if (!reader.Read())
            {
                return (ArrayEnd.CutOff, null);
            }

            if (string.Equals(name, property, StringComparison.OrdinalIgnoreCase))
            {
                return reader.TokenType == JsonTokenType.StartArray ? null : (ArrayEnd.Invalid, $"'{property}' is not an array");
            }

            if (!reader.TrySkip())
            {
                return (ArrayEnd.CutOff, null);
            }
        }
    }
}

internal enum ArrayEnd
{
    Complete,
    CutOff,
    Invalid,
}

/// <summary>What <see cref="ModelJson.ReadArray{T}"/> found.</summary>
internal sealed record ArrayRead<T>(IReadOnlyList<T> Items, int Unusable, ArrayEnd End, string? Error)
{
    /// <summary>
    /// The items a reply keeps, with a problem recorded for a cut-off or broken array. Complete items are whole even in
    /// a cut-off reply: only the unfinished tail is lost. Null when the JSON is broken before its first item, so the
    /// caller reads the reply as plain text instead.
    /// </summary>
    /// <param name="cut">The reason a cut-off reply gets (the finish reason's), or null for <see cref="ParseProblems.Truncated"/>.</param>
    /// <param name="items">What an item is called in the problem's detail, such as <c>task(s)</c>.</param>
    public List<T>? Kept(List<ParseProblem> problems, string? cut, string items)
    {
        if (End == ArrayEnd.CutOff)
        {
            problems.Add(new ParseProblem(cut ?? ParseProblems.Truncated, $"the JSON ends early; {Items.Count} complete {items} kept"));
        }

        if (End == ArrayEnd.Invalid)
        {
            problems.Add(new ParseProblem(ParseProblems.MalformedJson, Items.Count > 0
                ? $"{Error}; {Items.Count} {items} before the error kept"
                : $"{Error}; read as plain text"));
            return Items.Count > 0 ? [.. Items] : null;
        }

        return [.. Items];
    }
}

using System.Text.Json;

namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>Reads the Yes/No of a classification check from JSON (<c>{"is_classification": true}</c>) or text. Never throws.</summary>
public static class ClassificationParser
{
    private static readonly string[] YesWords = ["yes", "true", "예", "네"];
    private static readonly string[] NoWords = ["no", "false"];

    // Korean "no" is a stem with endings attached (아니요, 아니오, 아닙니다), so it matches as a prefix.
    private static readonly string[] NoPrefixes = ["아니", "아닙"];
    private static readonly string[] AnswerLabels = [PromptMarkers.IsClassification, "answer:", "답:", "답변:"];

    public static ClassificationParseResult Parse(string? response)
    {
        var problems = new List<ParseProblem>();
        if (string.IsNullOrWhiteSpace(response))
        {
            problems.Add(new ParseProblem(ParseProblems.Empty, "the response holds no text"));
            return new ClassificationParseResult(null, problems);
        }

        if (ModelJson.TryLocate(response, out var json))
        {
            using var document = ModelJson.TryParseObject(json, out var error);
            if (document is not null && ReadFlag(document.RootElement) is { } flag)
            {
                return new ClassificationParseResult(flag, problems);
            }

            problems.Add(new ParseProblem(ParseProblems.MalformedJson, $"{error ?? "no true or false 'is_classification'"}; read as plain text"));
        }

        var answer = ReadWord(response);
        if (answer is null)
        {
            problems.Add(new ParseProblem(ParseProblems.UnrecognizedAnswer, $"neither Yes nor No: \"{ParseProblems.Shorten(response.Trim(), 40)}\""));
        }

        return new ClassificationParseResult(answer, problems);
    }

    private static bool? ReadFlag(JsonElement root)
    {
        foreach (var property in root.EnumerateObject())
        {
            if (!property.NameEquals("is_classification"))
            {
                continue;
            }

            return property.Value.ValueKind switch
            {
                JsonValueKind.True => true,
                JsonValueKind.False => false,
                JsonValueKind.String => ReadWord(property.Value.GetString() ?? string.Empty),
                _ => null,
            };
        }

        return null;
    }

    /// <summary>The answer word at the start, after punctuation, Markdown and an echoed cue such as "Is it classification?".</summary>
    private static bool? ReadWord(string text)
    {
        var rest = SkipNoise(text);
        foreach (var label in AnswerLabels)
        {
            if (rest.StartsWith(label, StringComparison.OrdinalIgnoreCase))
            {
                rest = SkipNoise(rest[label.Length..]);
            }
        }

        if (StartsWithWord(rest, YesWords))
        {
            return true;
        }

        return StartsWithWord(rest, NoWords) || StartsWithAny(rest, NoPrefixes) ? false : null;
    }

    private static ReadOnlySpan<char> SkipNoise(ReadOnlySpan<char> text)
    {
        var start = 0;
        while (start < text.Length && (char.IsWhiteSpace(text[start]) || char.IsPunctuation(text[start]) || char.IsSymbol(text[start])))
        {
            start++;
        }

        return text[start..];
    }

    /// <summary>A whole word: "Yes." and "yes, it is" count, "Yesterday" and "Nothing" do not.</summary>
    private static bool StartsWithWord(ReadOnlySpan<char> text, string[] words)
    {
        foreach (var word in words)
        {
            if (text.StartsWith(word, StringComparison.OrdinalIgnoreCase) && (text.Length == word.Length || !char.IsLetter(text[word.Length])))
            {
                return true;
            }
        }

        return false;
    }

    private static bool StartsWithAny(ReadOnlySpan<char> text, string[] prefixes)
    {
        foreach (var prefix in prefixes)
        {
            if (text.StartsWith(prefix, StringComparison.Ordinal))
            {
                return true;
            }
        }

        return false;
    }
}

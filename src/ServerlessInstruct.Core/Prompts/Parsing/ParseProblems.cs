namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>Codes of <see cref="ParseProblem"/>, recorded by the pipeline next to rejection reasons.</summary>
public static class ParseProblems
{
    /// <summary>The response holds no text.</summary>
    public const string Empty = "empty";

    /// <summary>The response looks like JSON but is not valid JSON of the expected shape; any usable part was kept or the text read as plain text.</summary>
    public const string MalformedJson = "malformed-json";

    /// <summary>The response was cut off by the token limit.</summary>
    public const string Truncated = "truncated";

    /// <summary>The response was cut off by the content filter.</summary>
    public const string ContentFiltered = "content-filtered";

    /// <summary>More items than asked for; the extra ones were dropped.</summary>
    public const string TooMany = "too-many";

    /// <summary>A numbered item with no text.</summary>
    public const string EmptyItem = "empty-item";

    /// <summary>Text before the list (such as "Here are more tasks:") that is not an item.</summary>
    public const string Preamble = "preamble";

    /// <summary>Text after the list or between examples that belongs to no item.</summary>
    public const string IgnoredText = "ignored-text";

    /// <summary>A classification answer that is neither yes nor no.</summary>
    public const string UnrecognizedAnswer = "unrecognized-answer";

    /// <summary>An example without its output.</summary>
    public const string MissingOutput = "missing-output";

    /// <summary>An output-first example without its input.</summary>
    public const string MissingInput = "missing-input";

    /// <summary>An output-first example without its class label.</summary>
    public const string MissingLabel = "missing-label";

    /// <summary>A batch reply has no usable entry for an item it was given (left out, or lost when the reply was cut off).</summary>
    public const string MissingItem = "missing-item";

    /// <summary>An entry numbered outside the batch, or a second entry for an item already answered.</summary>
    public const string UnexpectedItem = "unexpected-item";

    /// <summary>A translated or rewritten item without instruction text.</summary>
    public const string EmptyInstruction = "empty-instruction";

    /// <summary>A translated or rewritten instruction not written in the run's language.</summary>
    public const string WrongLanguage = "wrong-language";

    /// <summary>A judge's verdict without a whole-number score from 1 to 5.</summary>
    public const string InvalidScore = "invalid-score";

    /// <summary>The problem of a reply with no text: one the content filter withheld says so, not just that it is empty.</summary>
    internal static ParseProblem NoText(FinishReason reason) => reason == FinishReason.ContentFilter
        ? new ParseProblem(ContentFiltered, "the content filter withheld the response")
        : new ParseProblem(Empty, "the response holds no text");

    /// <summary>The start of <paramref name="text"/> for a problem's detail: enough to find it in the reply, not all of it.</summary>
    internal static string Shorten(string text, int maxLength = 60) =>
        text.Length <= maxLength ? text : string.Concat(text.AsSpan(0, maxLength - 3), "...");

    /// <summary>The code of a reply cut off for <paramref name="reason"/>, or null when the reply is complete.</summary>
    internal static string? ForCut(FinishReason reason) => reason switch
    {
        FinishReason.Length => Truncated,
        FinishReason.ContentFilter => ContentFiltered,
        _ => null,
    };
}

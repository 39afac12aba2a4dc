namespace ServerlessInstruct.Core.Mrc;

/// <summary>
/// How a labelled answer was found in its context (<c>span_variant</c> in the records). Anything but
/// <see cref="Exact"/> is a known labelling slip that the check tolerates; the record says which one it was.
/// </summary>
public static class SpanVariants
{
    /// <summary>The text is at <c>answer_start</c>, code point for code point.</summary>
    public const string Exact = "exact";

    /// <summary>The answer text carries leading or trailing whitespace (or punctuation spaces) the context has elsewhere; the trimmed text is at the offset.</summary>
    public const string Trimmed = "trimmed";

    /// <summary>The text is one code point before or after <c>answer_start</c>.</summary>
    public const string OffByOne = "off-by-one";

    /// <summary><c>answer_start</c> counts UTF-16 units (a JavaScript or .NET tool) rather than code points; they differ after a character outside the BMP.</summary>
    public const string Utf16Offset = "utf16-offset";

    /// <summary>The text matches at the offset once runs of whitespace (spaces, newlines, no-break spaces) are treated as equal.</summary>
    public const string Whitespace = "whitespace";
}

/// <summary>A labelled answer as located in its context, and which tolerance found it.</summary>
public sealed record SpanMatch(AnswerSpan Span, string Variant);

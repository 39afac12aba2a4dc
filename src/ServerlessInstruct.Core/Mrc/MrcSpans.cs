namespace ServerlessInstruct.Core.Mrc;

/// <summary>
/// Checks that a labelled answer is where its label says (docs/method.md#mrc-mode). The answer is looked for at
/// <c>answer_start</c> and at the few places the known labelling slips put it, never searched for elsewhere in the
/// context: an answer found elsewhere may be another mention of the same words, which would teach an encoder the wrong
/// span. Never throws on any input.
/// </summary>
public static class MrcSpans
{
    /// <summary>The answer's place in <paramref name="context"/>, or null when it is not where the label says (<c>span-mismatch</c>).</summary>
    public static SpanMatch? Locate(CodePoints context, string? answer, int answerStart)
    {
        ArgumentNullException.ThrowIfNull(context);
        if (string.IsNullOrEmpty(answer) || context.Length == 0)
        {
            return null;
        }

        if (At(context, answer, answerStart) is { } exact)
        {
            return new SpanMatch(exact, SpanVariants.Exact);
        }

        var trimmed = answer.Trim();
        if (trimmed.Length == 0)
        {
            return null;
        }

        if (trimmed.Length != answer.Length)
        {
            // Whitespace is in the BMP: its UTF-16 length is its code point count.
            var lead = answer.Length - answer.TrimStart().Length;
            if ((At(context, trimmed, answerStart + lead) ?? At(context, trimmed, answerStart)) is { } found)
            {
                return new SpanMatch(found, SpanVariants.Trimmed);
            }
        }

        // Before off-by-one: one surrogate pair ahead of the answer also shifts a UTF-16 offset by one.
        if (context.FromUtf16(answerStart) is { } converted && converted != answerStart && At(context, trimmed, converted) is { } utf16)
        {
            return new SpanMatch(utf16, SpanVariants.Utf16Offset);
        }

        if ((At(context, trimmed, answerStart - 1) ?? At(context, trimmed, answerStart + 1)) is { } shifted)
        {
            return new SpanMatch(shifted, SpanVariants.OffByOne);
        }

        if (WhitespaceInsensitiveAt(context, trimmed, answerStart) is { } loose)
        {
            return new SpanMatch(loose, SpanVariants.Whitespace);
        }

        return null;
    }

    private static AnswerSpan? At(CodePoints context, string answer, int start)
    {
        var length = CodePoints.Count(answer);
        if (start < 0 || start + length > context.Length)
        {
            return null;
        }

        var text = context.Slice(start, start + length);
        return string.Equals(text, answer, StringComparison.Ordinal) ? new AnswerSpan(text, start, start + length) : null;
    }

    /// <summary>
    /// The span starting at <paramref name="start"/> whose text equals <paramref name="answer"/> when every run of
    /// whitespace on either side counts as one space. The span's text is the context's, whitespace and all.
    /// </summary>
    private static AnswerSpan? WhitespaceInsensitiveAt(CodePoints context, string answer, int start)
    {
        if (start < 0 || start >= context.Length)
        {
            return null;
        }

        var text = context.Text;
        var i = context.ToUtf16(start);
        var j = 0;
        if (char.IsWhiteSpace(text[i]))
        {
            return null;
        }

        while (j < answer.Length)
        {
            if (i >= text.Length)
            {
                return null;
            }

            if (char.IsWhiteSpace(answer[j]))
            {
                if (!char.IsWhiteSpace(text[i]))
                {
                    return null;
                }

                while (j < answer.Length && char.IsWhiteSpace(answer[j]))
                {
                    j++;
                }

                while (i < text.Length && char.IsWhiteSpace(text[i]))
                {
                    i++;
                }

                continue;
            }

            if (text[i] != answer[j])
            {
                return null;
            }

            i++;
            j++;
        }

        if (context.FromUtf16(i) is not { } end)
        {
            return null;
        }

        return new AnswerSpan(context.Slice(start, end), start, end);
    }
}

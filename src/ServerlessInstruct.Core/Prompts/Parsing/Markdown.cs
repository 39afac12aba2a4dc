namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>
/// The Markdown that chat models put around the layout of a plain-text reply: heading marks and <c>**bold**</c>
/// around a heading, a label or a whole line. Only that is removed; a <c>**</c> inside generated text
/// (<c>2**8</c>, <c>f(**kwargs)</c>) is part of it and stays.
/// </summary>
internal static class Markdown
{
    private const string Bold = "**";

    /// <summary>
    /// The line with every <c>**</c> and heading mark removed: only for recognising a heading such as
    /// <c>**Item 6**</c> or <c>### Example 1:</c>, never as text to keep.
    /// </summary>
    public static string Bare(string line) => WithoutHeadingMarks(line).Replace(Bold, string.Empty, StringComparison.Ordinal).Trim();

    /// <summary>The text without the <c>**</c> pair that wraps all of it, as in <c>**Write a poem.**</c>; other text unchanged.</summary>
    public static string Unbold(string text)
    {
        var trimmed = text.Trim();
        return trimmed.Length > 2 * Bold.Length
            && trimmed.StartsWith(Bold, StringComparison.Ordinal)
            && trimmed.EndsWith(Bold, StringComparison.Ordinal)
            && !trimmed.AsSpan(Bold.Length, trimmed.Length - (2 * Bold.Length)).Contains(Bold, StringComparison.Ordinal)
            ? trimmed[Bold.Length..^Bold.Length].Trim()
            : trimmed;
    }

    /// <summary>
    /// Splits a <c>label: value</c> line at its first colon. The label is bare (for matching against the known
    /// labels); the value is the text as written, less the bold the label or the whole line was set in
    /// (<c>**Input:** x</c>, <c>**Input**: x</c>, <c>**Input: x**</c>). Null when the line has no colon.
    /// </summary>
    public static (string Label, string Value)? SplitLabel(string line)
    {
        var text = Unbold(WithoutHeadingMarks(line));
        var colon = text.AsSpan().IndexOfAny(':', '：');
        if (colon < 0)
        {
            return null;
        }

        var label = text[..colon].Trim();
        var value = text[(colon + 1)..].TrimStart();

        // "**Input:** x": the bold opened before the label closes right after its colon.
        if (label.StartsWith(Bold, StringComparison.Ordinal) && !label.EndsWith(Bold, StringComparison.Ordinal)
            && value.StartsWith(Bold, StringComparison.Ordinal))
        {
            value = value[Bold.Length..];
        }

        return (label.Replace(Bold, string.Empty, StringComparison.Ordinal).Trim(), Unbold(value));
    }

    private static string WithoutHeadingMarks(string line) => line.Trim().TrimStart('#').Trim();
}

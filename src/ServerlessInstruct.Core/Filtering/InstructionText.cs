using System.Text;

namespace ServerlessInstruct.Core.Filtering;

/// <summary>Text normalisation shared by seed reading, prompt building and deduplication keys.</summary>
public static class InstructionText
{
    /// <summary>Replaces every run of white space (including line breaks) with one space and trims the ends.</summary>
    public static string CollapseWhitespace(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var builder = new StringBuilder(text.Length);
        var pendingSpace = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                pendingSpace = builder.Length > 0;
                continue;
            }

            if (pendingSpace)
            {
                builder.Append(' ');
                pendingSpace = false;
            }

            builder.Append(c);
        }

        return builder.ToString();
    }

    /// <summary>
    /// The identity of an instruction for exact-duplicate checks: NFKC (so full-width and decomposed Hangul
    /// compare equal to their usual forms), lower case, white space collapsed.
    /// </summary>
    public static string Normalize(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var composed = text.IsNormalized(NormalizationForm.FormKC) ? text : text.Normalize(NormalizationForm.FormKC);
        return CollapseWhitespace(composed).ToLowerInvariant();
    }

    /// <summary>Number of white-space separated words, as the Self-Instruct length rule counts them.</summary>
    public static int CountWords(ReadOnlySpan<char> text)
    {
        var count = 0;
        var inWord = false;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                inWord = false;
            }
            else if (!inWord)
            {
                inWord = true;
                count++;
            }
        }

        return count;
    }
}

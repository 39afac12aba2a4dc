namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>
/// A deterministic stand-in for a BPE tokenizer: a run of letters or digits outside the CJK scripts costs one token
/// per started four characters, every Hangul syllable, CJK ideograph or kana costs one, every other visible symbol
/// costs one and whitespace is free. Prompt and completion counts use the same rule, so usage always adds up.
/// </summary>
internal static class TokenEstimator
{
    /// <summary>Tokens charged per chat message for its role and framing, and once for the reply's priming.</summary>
    public const int PerMessageOverhead = 4;
    public const int ReplyPriming = 3;

    public static int Count(ReadOnlySpan<char> text) => Scan(text, int.MaxValue, out _);

    /// <summary>The longest prefix of <paramref name="text"/> that costs at most <paramref name="maxTokens"/>.</summary>
    public static string Truncate(string text, int maxTokens, out bool truncated)
    {
        Scan(text, maxTokens, out int cut);
        truncated = cut < text.Length;
        return truncated ? text[..cut] : text;
    }

    /// <summary>Counts tokens until the next one would exceed the budget; <paramref name="end"/> is where it stopped.</summary>
    private static int Scan(ReadOnlySpan<char> text, int budget, out int end)
    {
        int tokens = 0;
        int runLength = 0;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool startsToken;
            if (char.IsWhiteSpace(c))
            {
                runLength = 0;
                startsToken = false;
            }
            else if (IsOwnToken(c) || char.IsSurrogate(c))
            {
                runLength = 0;
                startsToken = !char.IsLowSurrogate(c);
            }
            else if (char.IsLetterOrDigit(c))
            {
                startsToken = runLength % 4 == 0;
                runLength++;
            }
            else
            {
                runLength = 0;
                startsToken = true;
            }

            if (startsToken)
            {
                if (tokens == budget)
                {
                    end = i;
                    return tokens;
                }

                tokens++;
            }
        }

        end = text.Length;
        return tokens;
    }

    private static bool IsOwnToken(char c) =>
        c is (>= '\uAC00' and <= '\uD7A3')   // Hangul syllables
            or (>= '\u1100' and <= '\u11FF') // Hangul jamo
            or (>= '\u3130' and <= '\u318F') // Hangul compatibility jamo
            or (>= '\u3040' and <= '\u30FF') // hiragana and katakana
            or (>= '\u4E00' and <= '\u9FFF') // CJK unified ideographs
            or (>= '\u3400' and <= '\u4DBF');
}

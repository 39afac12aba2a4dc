using ServerlessInstruct.Core.Prompts;

namespace ServerlessInstruct.Functions.Llm.Throttling;

/// <summary>
/// What a request costs against a tokens-per-minute quota before it is sent: Azure OpenAI charges an estimate of
/// the prompt plus the request's max_tokens at admission, whatever the answer's length. The prompt estimate
/// follows how BPE vocabularies split text: about one token per four letters or digits of a word, one per
/// punctuation mark, one per Hangul syllable, ideograph or kana, and a few per message for its framing. The
/// response-format schema is sent with the prompt and counts as prompt text.
/// </summary>
public static class QuotaCharge
{
    private const int PerMessage = 4;
    private const int ReplyPriming = 3;
    private const int CharactersPerWordToken = 4;

    public static int For(ChatPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        return EstimatePromptTokens(prompt) + prompt.Sampling.MaxTokens;
    }

    public static int EstimatePromptTokens(ChatPrompt prompt)
    {
        ArgumentNullException.ThrowIfNull(prompt);
        var tokens = ReplyPriming + PerMessage + Count(prompt.User);
        if (!string.IsNullOrEmpty(prompt.System))
        {
            tokens += PerMessage + Count(prompt.System);
        }

        if (prompt.Output is { } output)
        {
            tokens += Count(output.Schema);
        }

        return tokens;
    }

    public static int Count(ReadOnlySpan<char> text)
    {
        var tokens = 0;
        var wordLength = 0;
        foreach (var c in text)
        {
            if (char.IsWhiteSpace(c))
            {
                wordLength = 0;
            }
            else if (IsSyllabicOrIdeographic(c))
            {
                wordLength = 0;
                tokens++;
            }
            else if (char.IsLetterOrDigit(c))
            {
                if (wordLength++ % CharactersPerWordToken == 0)
                {
                    tokens++;
                }
            }
            else if (!char.IsLowSurrogate(c))
            {
                wordLength = 0;
                tokens++;
            }
        }

        return tokens;
    }

    private static bool IsSyllabicOrIdeographic(char c) =>
        c is (>= '\uAC00' and <= '\uD7A3') // Hangul syllables
            or (>= '\u1100' and <= '\u11FF') // Hangul jamo
            or (>= '\u3130' and <= '\u318F') // Hangul compatibility jamo
            or (>= '\u3040' and <= '\u30FF') // hiragana and katakana
            or (>= '\u3400' and <= '\u4DBF') // CJK extension A
            or (>= '\u4E00' and <= '\u9FFF'); // CJK unified ideographs
}

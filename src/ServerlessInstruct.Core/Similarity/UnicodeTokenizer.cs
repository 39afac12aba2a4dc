using System.Buffers;
using System.Globalization;
using System.Text;

namespace ServerlessInstruct.Core.Similarity;

/// <summary>
/// Tokenizer for every language but English: NFKC, invariant lowercase, word tokens made of letters,
/// marks and numbers of any script, and one token per Hangul, CJK ideograph, kana or Thai character
/// (those scripts do not separate words with spaces, so single characters are the comparable unit).
/// </summary>
internal sealed class UnicodeTokenizer : SpanTokenizer
{
    private const int StackLimit = 512;

    public override void Tokenize<TSink>(string text, ref TSink sink)
    {
        ArgumentNullException.ThrowIfNull(text);
        string normalized = ReplaceLoneSurrogates(text).Normalize(NormalizationForm.FormKC);

        // Lowercasing a rune never lengthens it by more than one UTF-16 unit; twice the input is ample.
        int capacity = normalized.Length * 2;
        char[]? rented = null;
        Span<char> buffer = capacity <= StackLimit
            ? stackalloc char[StackLimit]
            : (rented = ArrayPool<char>.Shared.Rent(capacity));
        try
        {
            int length = 0;
            foreach (Rune original in normalized.EnumerateRunes())
            {
                Rune rune = Rune.ToLowerInvariant(original);
                if (!IsWordPart(rune))
                {
                    Flush(buffer, ref length, ref sink);
                }
                else if (IsSingleCharacterScript(rune.Value))
                {
                    Flush(buffer, ref length, ref sink);
                    length = rune.EncodeToUtf16(buffer);
                    Flush(buffer, ref length, ref sink);
                }
                else
                {
                    length += rune.EncodeToUtf16(buffer[length..]);
                }
            }

            Flush(buffer, ref length, ref sink);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<char>.Shared.Return(rented);
            }
        }
    }

    /// <summary>Letters, combining marks and numbers (categories Lu through No) build words.</summary>
    private static bool IsWordPart(Rune rune) => Rune.GetUnicodeCategory(rune) <= UnicodeCategory.OtherNumber;

    private static bool IsSingleCharacterScript(int cp) => cp switch
    {
        >= 0x0E00 and <= 0x0E7F => true, // Thai
        >= 0x1100 and <= 0x11FF => true, // Hangul Jamo
        >= 0x3005 and <= 0x3007 => true, // ideographic iteration mark, closing mark, number zero
        >= 0x3040 and <= 0x30FF => true, // Hiragana, Katakana
        >= 0x3130 and <= 0x318F => true, // Hangul compatibility Jamo
        >= 0x31F0 and <= 0x31FF => true, // Katakana phonetic extensions
        >= 0x3400 and <= 0x4DBF => true, // CJK extension A
        >= 0x4E00 and <= 0x9FFF => true, // CJK unified ideographs
        >= 0xA960 and <= 0xA97F => true, // Hangul Jamo extended A
        >= 0xAC00 and <= 0xD7AF => true, // Hangul syllables
        >= 0xD7B0 and <= 0xD7FF => true, // Hangul Jamo extended B
        >= 0xF900 and <= 0xFAFF => true, // CJK compatibility ideographs
        >= 0xFF66 and <= 0xFFDC => true, // halfwidth Katakana and Hangul (NFKC usually maps these away)
        >= 0x1B000 and <= 0x1B16F => true, // Kana supplement and extensions
        >= 0x20000 and <= 0x323AF => true, // CJK extensions B to H (H is U+31350-U+323AF) and compatibility supplement
        _ => false,
    };

    /// <summary>Normalization rejects ill-formed UTF-16; a lone surrogate becomes U+FFFD, a separator.</summary>
    private static string ReplaceLoneSurrogates(string text)
    {
        if (!HasLoneSurrogate(text))
        {
            return text;
        }

        var builder = new StringBuilder(text.Length);
        foreach (Rune rune in text.EnumerateRunes())
        {
            builder.Append(rune.ToString());
        }

        return builder.ToString();
    }

    private static bool HasLoneSurrogate(string text)
    {
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            if (char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]))
            {
                i++;
            }
            else if (char.IsSurrogate(c))
            {
                return true;
            }
        }

        return false;
    }
}

using ServerlessInstruct.Core.Languages;

namespace ServerlessInstruct.Core.Prompts.Parsing;

/// <summary>
/// Whether a text is written in a run's language, judged by script, for translated and rewritten instructions.
/// Generous on purpose: Korean instructions often quote English terms (SQL, Python), so a fifth of the letters in
/// Hangul is enough; English needs half its letters in the Latin script. Text without letters passes.
/// </summary>
public static class LanguageCheck
{
    public static bool IsWrittenIn(string text, LanguageProfile language)
    {
        ArgumentNullException.ThrowIfNull(text);
        ArgumentNullException.ThrowIfNull(language);
        int letters = 0, hangul = 0, latin = 0;
        foreach (var c in text)
        {
            if (IsHangul(c))
            {
                hangul++;
                letters++;
            }
            else if (char.IsLetter(c))
            {
                letters++;
                if (c <= '\u024F')
                {
                    latin++;
                }
            }
        }

        return letters == 0 || language.Language switch
        {
            Language.Ko => hangul > 0 && hangul * 5 >= letters,
            Language.En => latin * 2 >= letters,
            _ => throw new ArgumentOutOfRangeException(nameof(language), language.Language, null),
        };
    }

    /// <summary>Syllables, and jamo both conjoining (decomposed text) and compatibility.</summary>
    private static bool IsHangul(char c) => c is (>= '\uAC00' and <= '\uD7A3') or (>= '\u1100' and <= '\u11FF') or (>= '\u3130' and <= '\u318F');
}

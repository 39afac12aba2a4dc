using System.Text.RegularExpressions;

namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>
/// Korean particles whose form depends on whether the preceding syllable ends in a consonant (을/를, 이/가, 은/는,
/// 과/와, 으로/로). Frames write them as <c>[을/를]</c> so a filled-in noun always gets the right one.
/// </summary>
internal static partial class KoreanParticles
{
    /// <summary>
    /// Particles that seldom end a noun themselves; 이, 가, 의, 도, 로, 와, 과 are left out because many nouns end in
    /// those syllables (어린이, 평가, 회의, 온도, 도로, 사과).
    /// </summary>
    private static readonly string[] TrailingParticles = ["에서", "으로", "에게", "은", "는", "을", "를", "에"];

    public static string Resolve(string text) =>
        Alternatives().Replace(text, match =>
        {
            char previous = match.Index > 0 ? text[match.Index - 1] : ' ';
            string afterConsonant = match.Groups["consonant"].Value;
            string afterVowel = match.Groups["vowel"].Value;
            int final = FinalConsonant(previous);
            // ㄹ (final index 8) takes 로 like a vowel does.
            bool useVowelForm = final == 0 || (afterConsonant == "으로" && final == 8);
            return useVowelForm ? afterVowel : afterConsonant;
        });

    /// <summary>A word without a common trailing particle, to reuse it as a topic noun.</summary>
    public static string StripTrailing(string word)
    {
        foreach (string particle in TrailingParticles)
        {
            if (word.Length > particle.Length + 1 && word.EndsWith(particle, StringComparison.Ordinal))
            {
                return word[..^particle.Length];
            }
        }

        return word;
    }

    /// <summary>The final-consonant index of a Hangul syllable (0 for none); non-Hangul reads as consonant-final.</summary>
    private static int FinalConsonant(char syllable) =>
        syllable is >= '\uAC00' and <= '\uD7A3' ? (syllable - 0xAC00) % 28 : 1;

    [GeneratedRegex(@"\[(?<consonant>을|이|은|과|으로)/(?<vowel>를|가|는|와|로)\]")]
    private static partial Regex Alternatives();
}

using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;

namespace ServerlessInstruct.Core.Mrc;

/// <summary>
/// Builds multiple-choice items without an LLM (docs/method.md#mrc-mode). Distractors are the other answers of the
/// same article first (they are the article's own facts of the same granularity, so wrong but plausible), then noun
/// phrases of the article's passages: capitalised word runs and numbers in English, content words without their
/// particle in Korean. Candidates that equal, contain or are contained in the right answer are never used. The
/// order of options comes from a seed, so the same run always builds the same item and the right letter is spread
/// evenly over A-D.
/// </summary>
public static partial class MrcChoices
{
    public const int MaxOptions = 4;

    /// <summary>Capitalised only because they open a sentence: not names.</summary>
    private static readonly HashSet<string> SentenceStarters = new(StringComparer.Ordinal)
    {
        "The", "A", "An", "In", "On", "At", "By", "For", "It", "Its", "He", "She", "They", "This", "That", "These", "Those",
        "His", "Her", "Their", "After", "Before", "When", "While", "During", "Although", "However", "But", "And", "As", "Of", "To",
        "Many", "Some", "Most", "Few", "Each", "Every", "Other", "Such", "Today", "Later", "Then", "There", "We", "You", "I",
    };

    private static readonly string[] KoreanParticles =
        ["에서는", "으로는", "에게서", "까지", "부터", "에서", "으로", "에게", "처럼", "보다", "은", "는", "이", "가", "을", "를", "의", "에", "로", "와", "과", "도", "만"];

    /// <param name="correct">The right answer's text.</param>
    /// <param name="articleAnswers">The answer texts of the article's other questions, in file order.</param>
    /// <param name="articlePassages">The article's passages, for noun phrases when its answers are too few.</param>
    /// <param name="seed">Fixes the options' order: derive it from the run and the question.</param>
    /// <returns>Null when not even one distractor exists.</returns>
    public static MrcChoice? Build(string correct, IEnumerable<string> articleAnswers, IEnumerable<string> articlePassages, string seed)
    {
        ArgumentNullException.ThrowIfNull(correct);
        ArgumentNullException.ThrowIfNull(articleAnswers);
        ArgumentNullException.ThrowIfNull(articlePassages);
        var right = Normalize(correct);
        if (right.Length == 0)
        {
            return null;
        }

        var random = new Random(StableSeed(seed));
        var chosen = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { right };

        // A number is best confused with another number, a name with another name: same kind first, answers before phrases.
        var numeric = correct.Any(char.IsDigit);
        var answers = Distinct(articleAnswers, right, seen).ToList();
        var phrases = Distinct(articlePassages.SelectMany(NounPhrases)
            .OrderBy(p => Math.Abs(p.Length - correct.Length))
            .ThenBy(p => p, StringComparer.Ordinal), right, seen).ToList();
        foreach (var group in new[] { answers, phrases.Take(12), phrases.Take(24) })
        {
            Take(group.Where(c => c.Any(char.IsDigit) == numeric && !chosen.Contains(c)), chosen, random);
        }

        foreach (var group in new[] { answers, phrases.Take(24) })
        {
            Take(group.Where(c => !chosen.Contains(c)), chosen, random);
        }

        if (chosen.Count == 0)
        {
            return null;
        }

        var options = chosen.Take(MaxOptions - 1).Append(correct.Trim()).ToList();
        Shuffle(options, random);
        return new MrcChoice(options, options.IndexOf(correct.Trim()));
    }

    /// <summary>An unanswerable question's item: distractors as usual, and the right option saying the passage does not tell.</summary>
    public static MrcChoice? BuildUnanswerable(string notInPassage, IEnumerable<string> articleAnswers, IEnumerable<string> articlePassages, string seed)
    {
        ArgumentNullException.ThrowIfNull(notInPassage);
        var random = new Random(StableSeed(seed));
        var chosen = new List<string>();
        var seen = new HashSet<string>(StringComparer.Ordinal) { Normalize(notInPassage) };
        Take(Distinct(articleAnswers.Concat(articlePassages.SelectMany(NounPhrases).Take(24)), string.Empty, seen), chosen, random);
        if (chosen.Count == 0)
        {
            return null;
        }

        // "Not in the passage" is always the last option, as exam items put "none of the above".
        var options = chosen.Take(MaxOptions - 1).ToList();
        Shuffle(options, random);
        options.Add(notInPassage);
        return new MrcChoice(options, options.Count - 1);
    }

    private static IEnumerable<string> Distinct(IEnumerable<string> candidates, string right, HashSet<string> seen)
    {
        foreach (var candidate in candidates)
        {
            var key = Normalize(candidate);
            if (key.Length == 0 || key.Length > 120 || (right.Length > 0 && (key.Contains(right, StringComparison.Ordinal) || right.Contains(key, StringComparison.Ordinal))))
            {
                continue;
            }

            if (seen.Add(key))
            {
                yield return candidate.Trim();
            }
        }
    }

    /// <summary>Up to the free option slots, picked at random from the candidates in their given order of preference.</summary>
    private static void Take(IEnumerable<string> candidates, List<string> chosen, Random random)
    {
        var pool = candidates.ToList();
        while (chosen.Count < MaxOptions - 1 && pool.Count > 0)
        {
            var at = random.Next(pool.Count);
            chosen.Add(pool[at]);
            pool.RemoveAt(at);
        }
    }

    private static void Shuffle(List<string> options, Random random)
    {
        for (var i = options.Count - 1; i > 0; i--)
        {
            var j = random.Next(i + 1);
            (options[i], options[j]) = (options[j], options[i]);
        }
    }

    private static IEnumerable<string> NounPhrases(string passage)
    {
        foreach (Match match in EnglishPhrase().Matches(passage))
        {
            if (!SentenceStarters.Contains(match.Value))
            {
                var phrase = match.Value.TrimEnd('.', ',');
                yield return WithoutParticle(phrase) ?? phrase;
            }
        }

        // A Korean word followed by a particle is a noun phrase; a word without one is as likely a verb or an adverb.
        foreach (Match match in HangulWord().Matches(passage))
        {
            if (WithoutParticle(match.Value) is { } noun)
            {
                yield return noun;
            }
        }
    }

    private static string? WithoutParticle(string word)
    {
        var particle = KoreanParticles.FirstOrDefault(p => word.Length > p.Length + 1 && word.EndsWith(p, StringComparison.Ordinal));
        return particle is null ? null : word[..^particle.Length];
    }

    private static string Normalize(string text) =>
        string.Join(' ', CodePoints.WithoutLoneSurrogates(text).Normalize(NormalizationForm.FormKC).ToLower(CultureInfo.InvariantCulture)
            .Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)).Trim('.', ',', '"', '\'', ' ');

    /// <summary>A seed from text that is the same on every machine and process (string.GetHashCode is not).</summary>
    private static int StableSeed(string text) => BitConverter.ToInt32(SHA256.HashData(Encoding.UTF8.GetBytes(text)), 0);

    // Runs of capitalised words ("Treaty of Paris" keeps its "of"), and numbers with their unit-like tail ("1,200 km").
    [GeneratedRegex(@"\b(?:[A-Z][\p{L}'\-]+(?:\s+(?:of|the|de|von)\s+[A-Z][\p{L}'\-]+|\s+[A-Z][\p{L}'\-]+)*|\d[\d,.]*(?:\s?(?:%|km|kg|years?|percent)\b|[\uAC00-\uD7A3]{1,5})?)",
        RegexOptions.CultureInvariant)]
    private static partial Regex EnglishPhrase();

    [GeneratedRegex(@"[\uAC00-\uD7A3][\uAC00-\uD7A30-9]{1,12}", RegexOptions.CultureInvariant)]
    private static partial Regex HangulWord();
}

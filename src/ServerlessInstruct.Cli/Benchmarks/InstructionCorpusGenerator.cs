namespace ServerlessInstruct.Cli.Benchmarks;

/// <summary>
/// A reproducible stream of instruction-like sentences in the style of a Self-Instruct run: most lines
/// recombine two seed instructions and swap in other words (a new task), the rest paraphrase an
/// earlier line or a seed with small edits (word swaps, insertions, deletions, synonyms, a new tail,
/// casing and punctuation), which lands on both sides of the 0.7 ROUGE-L threshold.
/// </summary>
internal sealed class InstructionCorpusGenerator(SeedText seeds, int seed)
{
    private const double ParaphraseEarlierLine = 0.30;
    private const double ParaphraseSeed = 0.06;
    private const int MaxWords = 60;

    private static readonly Dictionary<string, string[]> Synonyms = new(StringComparer.OrdinalIgnoreCase)
    {
        ["write"] = ["compose", "create", "draft", "produce"],
        ["give"] = ["provide", "offer", "list", "suggest"],
        ["explain"] = ["describe", "clarify", "tell me", "elaborate on"],
        ["list"] = ["enumerate", "name", "give"],
        ["generate"] = ["create", "come up with", "produce", "write"],
        ["find"] = ["identify", "determine", "locate"],
        ["make"] = ["create", "build", "prepare"],
        ["story"] = ["tale", "narrative"],
        ["short"] = ["brief", "concise", "quick"],
        ["following"] = ["given", "below"],
        ["given"] = ["following", "provided"],
        ["sentence"] = ["phrase", "statement", "line"],
        ["text"] = ["passage", "paragraph", "document"],
        ["answer"] = ["response", "reply", "solution"],
        ["question"] = ["query", "prompt"],
        ["good"] = ["great", "nice", "useful"],
        ["best"] = ["top", "ideal", "most suitable"],
        ["ways"] = ["methods", "approaches", "tips"],
        ["tips"] = ["suggestions", "advice", "ideas"],
        ["person"] = ["individual", "someone"],
        ["help"] = ["assist", "support"],
        ["use"] = ["utilize", "apply", "employ"],
        ["show"] = ["demonstrate", "illustrate"],
        ["change"] = ["modify", "alter", "rewrite"],
        ["summarize"] = ["sum up", "condense", "give a summary of"],
        ["classify"] = ["categorize", "label", "sort"],
        ["suggest"] = ["recommend", "propose"],
        ["important"] = ["key", "essential", "crucial"],
        ["different"] = ["distinct", "various"],
        ["example"] = ["instance", "sample"],
        ["examples"] = ["instances", "samples"],
        ["people"] = ["individuals", "folks"],
        ["create"] = ["design", "generate", "make"],
        ["describe"] = ["explain", "outline", "characterize"],
        ["tell"] = ["inform", "let me know"],
    };

    private static readonly string[] Modifiers =
    [
        "in under 100 words", "for a beginner", "for a ten-year-old", "using a formal tone", "in a friendly tone",
        "with three examples", "as a bulleted list", "and explain your reasoning", "in two sentences",
        "step by step", "without using technical terms", "in the style of a news report", "for a job interview",
        "as a short poem", "using simple words", "and give a reason for each", "in one paragraph",
        "for a social media post", "from the point of view of a teacher", "with a catchy title",
    ];

    private static readonly string[] Openers =
    [
        "Please", "Can you", "Briefly", "In your own words,", "Now", "Using the input,", "Carefully", "Quickly",
    ];

    private static readonly string[] Fillers =
    [
        "please", "also", "briefly", "the", "a", "some", "each", "all", "new", "simple", "clearly", "then", "really",
    ];

    private static readonly HashSet<string> StopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "the", "a", "an", "of", "to", "in", "for", "and", "or", "is", "are", "be", "with", "on", "that", "this",
        "it", "as", "by", "from", "your", "you", "what", "which", "how", "why", "given", "following", "write",
        "give", "list", "find", "explain", "generate", "make", "create", "describe", "tell", "can", "should",
    };

    private readonly Random _random = new(seed);

    public List<string> Generate(int count)
    {
        var lines = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            double roll = _random.NextDouble();
            string line = roll switch
            {
                < ParaphraseEarlierLine when lines.Count > 0 => Paraphrase(lines[_random.Next(lines.Count)], lines),
                < ParaphraseEarlierLine + ParaphraseSeed => Paraphrase(Pick(seeds.Instructions), lines),
                _ => NewTask(),
            };
            lines.Add(line);
        }

        return lines;
    }

    /// <summary>The opening of one seed, the ending of another, some content words replaced, perhaps a modifier.</summary>
    private string NewTask()
    {
        List<string> head = Words(Pick(seeds.Instructions));
        List<string> tail = Words(Pick(seeds.Instructions));
        int headLength = 1 + _random.Next(Math.Max(1, head.Count - 1));
        int tailStart = _random.Next(Math.Max(1, tail.Count - 1));
        var words = head.Take(headLength).Concat(tail.Skip(tailStart)).ToList();

        for (int i = 1; i < words.Count; i++)
        {
            if (!StopWords.Contains(Bare(words[i])) && _random.NextDouble() < 0.4)
            {
                words[i] = WithPunctuationOf(words[i], RandomWord());
            }
        }

        if (_random.NextDouble() < 0.25)
        {
            AppendModifier(words);
        }

        if (_random.NextDouble() < 0.12)
        {
            words.Insert(0, Pick(Openers));
        }

        return Sentence(words);
    }

    private string Paraphrase(string line, List<string> lines)
    {
        List<string> words = Words(line);
        int edits = 1 + _random.Next(4);
        for (int e = 0; e < edits && words.Count > 1; e++)
        {
            int at = _random.Next(words.Count);
            switch (_random.Next(7))
            {
                case 0:
                    int next = Math.Min(at + 1, words.Count - 1);
                    (words[at], words[next]) = (words[next], words[at]);
                    break;
                case 1:
                    words.Insert(at, _random.Next(2) == 0 ? Pick(Fillers) : RandomWord());
                    break;
                case 2:
                    words.RemoveAt(at);
                    break;
                case 3:
                    words[at] = Synonyms.TryGetValue(Bare(words[at]), out string[]? synonyms)
                        ? WithPunctuationOf(words[at], Pick(synonyms))
                        : WithPunctuationOf(words[at], RandomWord());
                    break;
                case 4 when lines.Count > 0:
                    List<string> other = Words(lines[_random.Next(lines.Count)]);
                    int keep = Math.Max(1, words.Count - 1 - _random.Next(Math.Max(1, words.Count / 3)));
                    words = [.. words.Take(keep), .. other.Skip(Math.Max(0, other.Count - (words.Count - keep)))];
                    break;
                case 5:
                    words[at] = _random.Next(2) == 0 ? words[at].ToUpperInvariant() : words[at].ToLowerInvariant();
                    break;
                default:
                    AppendModifier(words);
                    break;
            }
        }

        return Sentence(words);
    }

    /// <summary>Words split on any whitespace, so seed instructions spanning lines become one-line instructions.</summary>
    private static List<string> Words(string text) => [.. text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries)];

    /// <summary>Adds a phrase such as "in two sentences" after the last word, moving the sentence's end behind it.</summary>
    private void AppendModifier(List<string> words)
    {
        words[^1] = words[^1].TrimEnd('.', '?', '!', ':');
        if (words[^1].Length == 0)
        {
            words.RemoveAt(words.Count - 1);
        }

        words.AddRange(Words(Pick(Modifiers)));
    }

    private string Sentence(List<string> words)
    {
        if (words.Count > MaxWords)
        {
            words.RemoveRange(MaxWords, words.Count - MaxWords);
        }

        string text = string.Join(' ', words).TrimEnd('.', '?', ':', ',', ';');
        if (text.Length == 0)
        {
            text = string.Join(' ', Words(Pick(seeds.Instructions))).TrimEnd('.', '?', ':');
        }

        text = char.ToUpperInvariant(text[0]) + text[1..];
        return text + (_random.NextDouble() < 0.2 ? "?" : ".");
    }

    /// <summary>A word drawn from the seed instances' running text, so frequent words are drawn often.</summary>
    private string RandomWord() => Pick(seeds.RunningWords);

    private static string Bare(string word) => word.Trim('.', ',', ';', ':', '?', '!', '"', '\'', '(', ')');

    private static string WithPunctuationOf(string original, string replacement)
    {
        int end = original.Length;
        while (end > 0 && char.IsPunctuation(original[end - 1]))
        {
            end--;
        }

        return replacement + original[end..];
    }

    private T Pick<T>(IReadOnlyList<T> items) => items[_random.Next(items.Count)];
}

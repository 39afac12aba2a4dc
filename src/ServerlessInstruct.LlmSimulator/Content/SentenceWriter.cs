using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;

namespace ServerlessInstruct.LlmSimulator.Content;

/// <summary>
/// Writes new instructions, statements and instance texts from a <see cref="Vocabulary"/> and fragments of the
/// prompt's own example lines, drawing every choice from one request's <see cref="DeterministicRandom"/>.
/// </summary>
internal sealed partial class SentenceWriter
{
    private static readonly HashSet<string> EnglishStopWords = new(StringComparer.OrdinalIgnoreCase)
    {
        "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "for", "with", "about", "from", "by", "at",
        "as", "is", "are", "was", "were", "be", "been", "it", "its", "this", "that", "these", "those", "you",
        "your", "me", "my", "i", "we", "our", "they", "their", "he", "she", "his", "her", "what", "which", "who",
        "how", "why", "when", "where", "do", "does", "did", "can", "could", "would", "should", "will", "please",
        "give", "write", "make", "tell", "find", "list", "following", "given", "input", "output", "some", "any",
        "each", "every", "all", "than", "then", "there", "here", "if", "not", "no", "yes", "into", "also", "one",
        "yet", "have", "has", "had", "include", "includes", "including", "using", "use", "based", "makes", "get",
        "need", "want", "like", "just", "only", "more", "most", "very", "such", "other", "over", "under",
        "between", "without", "within", "after", "before", "because", "while", "across", "so", "them", "him",
        "us", "being", "show", "shows", "explain", "answer", "create", "generate", "describe", "provide", "must",
        "covering", "regarding", "related", "mentioning", "concerning", "sentences", "fewer", "words", "keep",
        "whether", "decide", "determine", "classify", "identify", "rewrite", "summarize", "convert",
    };

    /// <summary>
    /// Korean words that carry a particle but name no topic. Only words that had a particle to strip are used at
    /// all, which already leaves out verbs and their endings.
    /// </summary>
    private static readonly HashSet<string> KoreanNonTopicWords = new(StringComparer.Ordinal)
    {
        "다음", "주어진", "아래", "이것", "그것", "무엇", "어떤", "여기", "거기", "우리", "자신", "모든", "각각", "하나",
    };

    /// <summary>Words that make poor topic fragments: function words plus the vocabulary's own verbs and adjectives.</summary>
    private static readonly HashSet<string> EnglishNonTopicWords = new(
        EnglishStopWords
            .Concat(Vocabulary.English.CreativeVerbs.SelectMany(v => v.Split(' ')))
            .Concat(Vocabulary.English.AnalyticVerbs.SelectMany(v => v.Split(' ')))
            .Concat(Vocabulary.English.ObjectAdjectives),
        StringComparer.OrdinalIgnoreCase);

    // Native Korean numerals for two to five, as they stand before a counter (세 문장, 다섯 가지).
    private static readonly string[] KoreanCounts = ["두", "세", "네", "다섯"];

    private readonly Vocabulary _vocabulary;
    private readonly PromptLanguage _language;
    private readonly IReadOnlyList<string> _examples;
    private readonly List<string> _fragments;
    private readonly DeterministicRandom _random;

    public SentenceWriter(PromptLanguage language, IReadOnlyList<string> examples, DeterministicRandom random)
    {
        _vocabulary = Vocabulary.For(language);
        _language = language;
        _examples = examples;
        _random = random;
        _fragments = ExtractFragments(language, examples);
    }

    public DeterministicRandom Random => _random;

    public PromptLanguage Language => _language;

    /// <summary>A new instruction, or with the configured shares one of the weak kinds the filters must reject.</summary>
    public string Instruction(ItemShares shares)
    {
        double roll = _random.NextDouble();
        if ((roll -= shares.NearCopy) < 0 && _examples.Count > 0)
        {
            return NearCopy(_random.Pick(_examples));
        }

        if ((roll -= shares.Blacklisted) < 0)
        {
            return Fill(_random.Pick(_vocabulary.BlacklistFrames), creative: true);
        }

        if ((roll -= shares.TooShort) < 0)
        {
            return _random.Pick(_vocabulary.ShortItems);
        }

        if ((roll -= shares.WriteProgram) < 0)
        {
            return Fill(_vocabulary.ProgramFrame, creative: true);
        }

        return FreshInstruction();
    }

    private string FreshInstruction()
    {
        int kind = _random.Next(20);
        return kind switch
        {
            < 8 => Fill(_random.Pick(_vocabulary.CreativeFrames), creative: true),
            < 12 => Fill(_random.Pick(_vocabulary.AnalyticFrames), creative: false),
            < 17 => Fill(_random.Pick(_vocabulary.QuestionFrames), creative: true),
            _ => Fill(_random.Pick(_vocabulary.ClassificationFrames), creative: false),
        };
    }

    /// <summary>
    /// A one-sentence answer to a reading-comprehension question that carries <paramref name="span"/> word for word, or,
    /// with probability <paramref name="unfaithfulShare"/>, one that wanders off and leaves it out.
    /// </summary>
    public string SpanAnswer(string span, double unfaithfulShare)
    {
        if (_random.Chance(unfaithfulShare))
        {
            return Statements(1);
        }

        string[] frames = _language == PromptLanguage.Korean
            ? ["지문에 따르면 답은 {0}입니다.", "지문에서 말하는 답은 {0}입니다.", "지문을 보면 {0}(이)라고 나와 있습니다."]
            : ["According to the passage, the answer is {0}.", "The passage says that it is {0}.", "It is {0}, as the passage states."];
        return string.Format(System.Globalization.CultureInfo.InvariantCulture, _random.Pick(frames), span);
    }

    /// <summary>One to <paramref name="maxSentences"/> plausible sentences, as an answer or an instance's text.</summary>
    public string Statements(int maxSentences)
    {
        int count = _random.Between(1, Math.Max(1, maxSentences));
        var text = new StringBuilder();
        for (int i = 0; i < count; i++)
        {
            if (i > 0)
            {
                text.Append(' ');
            }

            text.Append(Fill(_random.Pick(_vocabulary.StatementFrames), creative: true, promptTopics: false));
        }

        return text.ToString();
    }

    /// <summary>Two class labels for a classification task: the pair the task names ("X or Y", "X or not X"), else a stock pair.</summary>
    public (string First, string Second) Labels(string? task)
    {
        if (task is not null)
        {
            Match named = NamedLabels().Match(task);
            if (named.Success)
            {
                return (named.Groups["a"].Value, named.Groups["b"].Value);
            }
        }

        return _random.Pick(_vocabulary.LabelPairs);
    }

    /// <summary>
    /// Yes/No for "is this task a classification?": likely Yes when the task reads like one, rarely otherwise,
    /// which lands near the fifth of classification tasks the published runs report.
    /// </summary>
    public bool LooksLikeClassification(string? task)
    {
        string text = task ?? "";
        bool cue = _vocabulary.ClassificationKeywords.Any(k => text.Contains(k, StringComparison.OrdinalIgnoreCase));
        return _random.Chance(cue ? 0.85 : 0.1);
    }

    public string Closing() => _random.Pick(_vocabulary.Closings);

    /// <summary>A small edit of an example, close enough that ROUGE-L against it stays above 0.7.</summary>
    private string NearCopy(string example)
    {
        string[] words = example.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        if (words.Length < 4)
        {
            return example.TrimEnd('.', '?', '!') + (example.EndsWith('?') ? "." : "?");
        }

        var edited = new List<string>(words);
        int operation = _random.Next(_language == PromptLanguage.Korean ? 1 : (words.Length >= 6 ? 4 : 2));
        switch (operation)
        {
            case 0:
                edited.Insert(1, _random.Pick(_vocabulary.NearCopyInsertions));
                break;
            case 1:
                int swap = _random.Between(1, words.Length - 2);
                (edited[swap], edited[swap + 1]) = (edited[swap + 1], edited[swap]);
                break;
            case 2:
                edited.RemoveAt(_random.Between(1, words.Length - 1));
                break;
            default:
                edited.Add(_random.Pick(["Keep it short.", "Be specific.", "Use simple words."]));
                break;
        }

        return string.Join(' ', edited);
    }

    /// <summary>
    /// Fills a frame. Prompt fragments serve as topics of instructions only: as the subject of a statement their
    /// part of speech is too unpredictable to read well.
    /// </summary>
    private string Fill(string frame, bool creative, bool promptTopics = true)
    {
        string topicNoun = promptTopics ? TopicNoun() : _random.Pick(_vocabulary.Topics);
        (string label1, string label2) = _random.Pick(_vocabulary.LabelPairs);
        string verb = creative ? _random.Pick(_vocabulary.CreativeVerbs) : _random.Pick(_vocabulary.AnalyticVerbs);
        string topic = _language == PromptLanguage.Korean
            ? topicNoun + _random.Pick(_vocabulary.TopicConnectors)
            : _random.Pick(_vocabulary.TopicConnectors) + " " + topicNoun;
        string subject = topicNoun;

        var text = new StringBuilder(frame);
        text.Replace("{Verb}", Capitalize(verb))
            .Replace("{verb}", verb)
            .Replace("{object}", creative ? CreativeObject() : AnalyticObject())
            .Replace("{topicNoun}", topicNoun)
            .Replace("{topic}", topic)
            .Replace("{audience}", _random.Pick(_vocabulary.Audiences))
            .Replace("{source}", _random.Pick(_vocabulary.Sources))
            .Replace("{count}", Count(_random.Between(2, 5)))
            .Replace("{label1}", label1)
            .Replace("{label2}", label2)
            .Replace("{Subject}", Capitalize(subject))
            .Replace("{subject}", subject)
            .Replace("{predicate}", _random.Pick(_vocabulary.Predicates))
            .Replace("{complement}", _random.Pick(_vocabulary.Complements))
            .Replace("{blacklisted}", _random.Pick(_vocabulary.BlacklistedNouns));
        string filled = text.ToString();
        return _language == PromptLanguage.Korean ? KoreanParticles.Resolve(filled) : filled;
    }

    /// <summary>Something to make: "a witty limerick", "three practical tips", "짧은 시를".</summary>
    private string CreativeObject()
    {
        bool korean = _language == PromptLanguage.Korean;
        string adjective = _random.Chance(0.75) ? _random.Pick(_vocabulary.ObjectAdjectives) + " " : "";
        string phrase;
        if (_random.Chance(0.25))
        {
            phrase = $"{_random.Pick(_vocabulary.CountWords)} {(korean ? "" : adjective)}{_random.Pick(_vocabulary.PluralNouns)}";
        }
        else
        {
            string noun = adjective + _random.Pick(_vocabulary.ObjectNouns);
            phrase = korean ? noun : (StartsWithVowel(noun) ? "an " : "a ") + noun;
        }

        return korean ? phrase + "[을/를]" : phrase;
    }

    /// <summary>A text to work on: "the tone of the following email", "다음 이메일의 어조를".</summary>
    private string AnalyticObject()
    {
        string phrase = _random.Pick(_vocabulary.AnalyticObjectFrames)
            .Replace("{part}", _random.Pick(_vocabulary.TextParts), StringComparison.Ordinal)
            .Replace("{kind}", _random.Pick(_vocabulary.TextKinds), StringComparison.Ordinal);
        return _language == PromptLanguage.Korean ? phrase + "[을/를]" : phrase;
    }

    private string Count(int count) =>
        _language == PromptLanguage.Korean ? KoreanCounts[count - 2] : count.ToString(CultureInfo.InvariantCulture);

    private static bool StartsWithVowel(string word) => word.Length > 0 && "aeiouAEIOU".Contains(word[0], StringComparison.Ordinal);

    /// <summary>A topic: often a fragment of the prompt's examples, so answers stay near the prompt's subjects.</summary>
    private string TopicNoun() =>
        _fragments.Count > 0 && _random.Chance(0.4) ? _random.Pick(_fragments) : _random.Pick(_vocabulary.Topics);

    private static string Capitalize(string text) =>
        text.Length == 0 || !char.IsLower(text[0]) ? text : char.ToUpperInvariant(text[0]) + text[1..];

    private static List<string> ExtractFragments(PromptLanguage language, IReadOnlyList<string> examples)
    {
        var fragments = new List<string>();
        foreach (string example in examples)
        {
            if (language == PromptLanguage.Korean)
            {
                foreach (Match word in HangulWord().Matches(example))
                {
                    string stem = KoreanParticles.StripTrailing(word.Value);
                    if (stem.Length >= 2 && stem != word.Value && !KoreanNonTopicWords.Contains(stem))
                    {
                        fragments.Add(stem);
                    }
                }

                continue;
            }

            // Runs of two or three content words inside one clause ("famous person", "protein shake recipe").
            foreach (string clause in ClauseBreak().Split(example))
            {
                var run = new List<string>();
                foreach (Match word in LatinWord().Matches(clause))
                {
                    if (EnglishNonTopicWords.Contains(word.Value) || word.Value.Length < 3 || word.Value.EndsWith("ly", StringComparison.Ordinal))
                    {
                        AddRun(fragments, run);
                        continue;
                    }

                    run.Add(word.Value.ToLowerInvariant());
                    if (run.Count == 3)
                    {
                        AddRun(fragments, run);
                    }
                }

                AddRun(fragments, run);
            }
        }

        return fragments;
    }

    /// <summary>Keeps runs of two or three words: single words are too often verbs or adjectives to name a topic.</summary>
    private static void AddRun(List<string> fragments, List<string> run)
    {
        if (run.Count >= 2)
        {
            fragments.Add(string.Join(' ', run));
        }

        run.Clear();
    }

    [GeneratedRegex(@"[A-Za-z][A-Za-z'-]*")]
    private static partial Regex LatinWord();

    [GeneratedRegex(@"[.,;:!?()\[\]""]")]
    private static partial Regex ClauseBreak();

    [GeneratedRegex(@"[\uAC00-\uD7A3]{2,}")]
    private static partial Regex HangulWord();

    [GeneratedRegex(@"\b(?<a>[A-Za-z]+)\s+or\s+(?<b>not\s+[A-Za-z]+|[A-Za-z]+)\b", RegexOptions.CultureInvariant)]
    private static partial Regex NamedLabels();
}

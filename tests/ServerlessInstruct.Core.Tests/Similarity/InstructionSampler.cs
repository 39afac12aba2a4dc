namespace ServerlessInstruct.Core.Tests.Similarity;

/// <summary>
/// Reproducible instruction-like lines for the index tests: fresh random sentences, edited copies of
/// earlier lines (near duplicates on both sides of the threshold), exact repeats, lines with no
/// tokens, and long lines that need more than one 64-bit word of LCS state. Korean words are a few
/// syllables, hence a few unicode tokens each, so Korean lines have fewer words.
/// </summary>
internal sealed class InstructionSampler(int seed, bool korean)
{
    private static readonly string[] EnglishWords =
    [
        "write", "a", "short", "story", "about", "the", "given", "list", "of", "ideas", "explain", "why", "this",
        "sentence", "is", "wrong", "classify", "following", "reviews", "into", "positive", "or", "negative",
        "generate", "three", "questions", "for", "an", "interview", "with", "famous", "scientist", "summarize",
        "article", "in", "two", "sentences", "translate", "to", "french", "find", "all", "prime", "numbers",
        "below", "suggest", "healthy", "breakfast", "recipe", "without", "eggs", "describe", "how", "make", "cup",
        "tea", "rewrite", "paragraph", "formal", "tone", "give", "examples", "metaphors", "compare", "cats",
        "dogs", "identify", "main", "topic", "email", "create", "plan", "weekend", "trip", "mountains", "solve",
        "math", "problem", "step", "by", "what", "are", "benefits", "exercise", "daily", "name", "five", "cities",
        "europe", "convert", "temperature", "celsius", "fahrenheit", "tell", "joke", "programming", "sort",
    ];

    private static readonly string[] KoreanWords =
    [
        "건강을", "유지하기", "위한", "세", "가지", "팁을", "알려주세요", "다음", "문장을", "영어로", "번역하세요",
        "짧은", "이야기를", "써", "주세요", "주어진", "목록의", "항목을", "분류하세요", "긍정", "부정", "리뷰",
        "요약해", "기사를", "두", "문장으로", "설명하세요", "왜", "이", "틀렸는지", "아침", "식사", "메뉴를",
        "추천해", "여행", "계획을", "세워", "수학", "문제를", "풀어", "단계별로", "도시", "다섯", "개를", "나열하세요",
    ];

    private readonly Random _random = new(seed);
    private readonly string[] _words = korean ? KoreanWords : EnglishWords;

    public List<string> Sample(int count)
    {
        var lines = new List<string>(count);
        for (int i = 0; i < count; i++)
        {
            double roll = _random.NextDouble();
            lines.Add(roll switch
            {
                < 0.02 => korean ? "?!... ---" : "건강을 유지하기 위한 세 가지 팁",
                < 0.05 when lines.Count > 0 => lines[_random.Next(lines.Count)],
                < 0.08 => Fresh(korean ? _random.Next(25, 50) : _random.Next(65, 160)),
                < 0.50 when lines.Count > 0 => Edit(lines[_random.Next(lines.Count)]),
                _ => Fresh(korean ? _random.Next(2, 10) : _random.Next(3, 25)),
            });
        }

        return lines;
    }

    private string Fresh(int length)
    {
        var words = new string[length];
        for (int i = 0; i < length; i++)
        {
            words[i] = _words[_random.Next(_words.Length)];
        }

        return Capitalize(string.Join(' ', words)) + (_random.Next(2) == 0 ? "." : "?");
    }

    private string Edit(string line)
    {
        var words = line.TrimEnd('.', '?').Split(' ', StringSplitOptions.RemoveEmptyEntries).ToList();
        int edits = 1 + _random.Next(4);
        for (int e = 0; e < edits && words.Count > 1; e++)
        {
            int at = _random.Next(words.Count);
            switch (_random.Next(4))
            {
                case 0:
                    words.RemoveAt(at);
                    break;
                case 1:
                    words.Insert(at, _words[_random.Next(_words.Length)]);
                    break;
                case 2:
                    words[at] = _words[_random.Next(_words.Length)];
                    break;
                default:
                    int next = Math.Min(at + 1, words.Count - 1);
                    (words[at], words[next]) = (words[next], words[at]);
                    break;
            }
        }

        string edited = string.Join(' ', words);
        return (_random.Next(3) == 0 ? edited.ToUpperInvariant() : Capitalize(edited)) + ".";
    }

    private static string Capitalize(string text) => text.Length == 0 ? text : char.ToUpperInvariant(text[0]) + text[1..];
}

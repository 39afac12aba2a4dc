namespace ServerlessInstruct.Core.Mrc;

/// <summary>The forms an MRC record's answer can take (run option <c>answerStyle</c>, several at once); each record names its own.</summary>
public static class AnswerStyles
{
    /// <summary>The span text itself, as a decoder learns extractive QA. No LLM call.</summary>
    public const string Span = "span";

    /// <summary>A complete sentence the LLM writes from the passage, kept only when it contains or restates the span.</summary>
    public const string Sentence = "sentence";

    /// <summary>Multiple choice (A-D) with distractors from the same article; the output is the letter and the option. No LLM call.</summary>
    public const string Choice = "choice";

    public static IReadOnlyList<string> All { get; } = [Span, Sentence, Choice];

    /// <summary>
    /// The styles of a comma-separated list, in <see cref="All"/>'s order without repeats, or the words that are not
    /// styles. An empty list is an error too: a run must write some answer.
    /// </summary>
    public static (IReadOnlyList<string> Styles, IReadOnlyList<string> Unknown) Parse(string? list)
    {
        var words = (list ?? string.Empty).Split([',', ' ', ';'], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(w => w.ToLowerInvariant())
            .ToList();
        var unknown = words.Where(w => !All.Contains(w)).Distinct().ToList();
        if (words.Count == 0)
        {
            unknown.Add(string.Empty);
        }

        return ([.. All.Where(words.Contains)], unknown);
    }
}

/// <summary>What becomes of an unanswerable question (SQuAD v2 <c>is_impossible</c>): run option <c>unanswerable</c>.</summary>
public static class UnanswerablePolicy
{
    /// <summary>A record whose answer says the passage does not contain it: a model learns to say so instead of inventing one.</summary>
    public const string Answer = "answer";

    /// <summary>Left out, recorded as <see cref="MrcReasons.UnanswerableSkipped"/>.</summary>
    public const string Skip = "skip";

    public static IReadOnlyList<string> All { get; } = [Answer, Skip];
}

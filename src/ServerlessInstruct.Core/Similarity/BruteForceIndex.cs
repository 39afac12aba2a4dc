namespace ServerlessInstruct.Core.Similarity;

/// <summary>
/// The test oracle: scores a candidate against every pool item with the textbook LCS. Exact and
/// obviously so, but quadratic over a run; use <see cref="NearDuplicateIndex"/> in the pipeline.
/// </summary>
public sealed class BruteForceIndex : INearDuplicateIndex
{
    private readonly SpanTokenizer _tokenizer;
    private readonly TokenVocabulary _vocabulary = new();
    private readonly List<int[]> _tokens = [];
    private readonly List<string> _instructions = [];

    public BruteForceIndex(TokenizerKind tokenizer, double threshold = 0.7)
    {
        ThresholdGuard.Validate(threshold);
        _tokenizer = Tokenizers.Resolve(tokenizer);
        Threshold = threshold;
    }

    public int Count => _instructions.Count;

    public double Threshold { get; }

    public void Add(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        _tokens.Add(TokenIds(instruction, intern: true));
        _instructions.Add(instruction);
    }

    public bool IsNearDuplicate(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        int[] query = TokenIds(candidate, intern: false);
        foreach (int[] item in _tokens)
        {
            if (Score(query, item) > Threshold)
            {
                return true;
            }
        }

        return false;
    }

    public SimilarityReport Explain(string candidate, int topK = 10)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        int[] query = TokenIds(candidate, intern: false);
        var ranking = new SimilarityRanking(topK);
        for (int i = 0; i < _tokens.Count; i++)
        {
            ranking.Add(i, Score(query, _tokens[i]));
        }

        return ranking.ToReport(Count, i => _instructions[i]);
    }

    public bool TryAdd(string candidate)
    {
        if (IsNearDuplicate(candidate))
        {
            return false;
        }

        Add(candidate);
        return true;
    }

    /// <summary>The candidate is the target and the pool item the prediction, as in Self-Instruct.</summary>
    private static double Score(int[] candidate, int[] item) =>
        RougeL.FMeasure(Lcs.Length<int>(candidate, item), candidate.Length, item.Length);

    private int[] TokenIds(string text, bool intern)
    {
        var ids = new List<int>();
        var sink = new TokenIdSink(_vocabulary, ids, intern);
        _tokenizer.Tokenize(text, ref sink);
        return [.. ids];
    }
}

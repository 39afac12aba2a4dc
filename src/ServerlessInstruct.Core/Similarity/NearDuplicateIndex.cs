using System.Buffers;
using System.Runtime.InteropServices;

namespace ServerlessInstruct.Core.Similarity;

/// <summary>
/// The fast, exact near-duplicate pool. Decisions equal <see cref="BruteForceIndex"/>'s bit for bit; the
/// speed comes only from bounds that cannot discard a true near duplicate:
/// <list type="bullet">
/// <item>length: LCS &lt;= min(m, n), so only items whose length n keeps 2 min(m, n) / (m + n) above the threshold are looked at;</item>
/// <item>overlap: LCS &lt;= the multiset token overlap, so an item needs at least k(n) shared tokens; hence it must share
/// one of the query's m - k + 1 rarest tokens (prefix filtering), and only those tokens' posting lists are read;</item>
/// <item>the prefix hits bound the overlap of each survivor, and the rest are verified with bit-parallel LCS.</item>
/// </list>
/// Items are packed into shared arrays (token ids, text) so a pool of tens of thousands costs a few
/// megabytes and no per-item objects. Not thread-safe.
/// </summary>
public sealed class NearDuplicateIndex : INearDuplicateIndex
{
    // Bounds are compared with the threshold less this margin: far above the few-ulp rounding of a
    // computed F, far below the smallest gap between two distinct F values, so pruning stays exact.
    private const double PruningMargin = 1e-9;
    private const int StackLimit = 256;

    private readonly SpanTokenizer _tokenizer;
    private readonly TokenVocabulary _vocabulary = new();
    private readonly BitParallelLcs _lcs = new();

    // Item i's token ids are _tokens[_tokenStarts[i].._tokenStarts[i + 1]] and its text likewise in _text.
    private int[] _tokens = new int[4096];
    private int[] _tokenStarts = new int[257];
    private char[] _text = new char[16384];
    private int[] _textStarts = new int[257];
    private int _count;

    // Inverted index by token id: the items holding the token, each once, in pool order.
    private int[][] _postings = [];
    private int[] _postingCounts = [];
    private int[] _tokenLastItem = [];

    // Per-query scratch, reused so that a decision allocates nothing.
    private readonly List<int> _query = [];
    private readonly List<int> _candidates = [];
    private int[] _itemStamps = new int[256];
    private int[] _itemBounds = new int[256];
    private int _stamp;

    public NearDuplicateIndex(TokenizerKind tokenizer, double threshold = 0.7)
    {
        ThresholdGuard.Validate(threshold);
        _tokenizer = Tokenizers.Resolve(tokenizer);
        Threshold = threshold;
    }

    public int Count => _count;

    public double Threshold { get; }

    public void Add(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        TokenizeQuery(instruction, intern: true);
        Append(instruction, CollectionsMarshal.AsSpan(_query));
    }

    public void AddRange(IEnumerable<string> instructions)
    {
        ArgumentNullException.ThrowIfNull(instructions);
        foreach (string instruction in instructions)
        {
            Add(instruction);
        }
    }

    public bool IsNearDuplicate(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        TokenizeQuery(candidate, intern: false);
        return Exceeds(CollectionsMarshal.AsSpan(_query));
    }

    public bool TryAdd(string candidate)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        bool sawUnknown = TokenizeQuery(candidate, intern: false);
        if (Exceeds(CollectionsMarshal.AsSpan(_query)))
        {
            return false;
        }

        if (sawUnknown)
        {
            TokenizeQuery(candidate, intern: true);
        }

        Append(candidate, CollectionsMarshal.AsSpan(_query));
        return true;
    }

    public SimilarityReport Explain(string candidate, int topK = 10)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        TokenizeQuery(candidate, intern: false);
        ReadOnlySpan<int> query = CollectionsMarshal.AsSpan(_query);

        // Every item sharing a token scores above 0; the others score exactly 0 and need no LCS.
        int stamp = NextStamp();
        _candidates.Clear();
        foreach (int token in query)
        {
            if (token == TokenVocabulary.Unknown)
            {
                continue;
            }

            ReadOnlySpan<int> items = _postings[token].AsSpan(0, _postingCounts[token]);
            foreach (int item in items)
            {
                if (_itemStamps[item] != stamp)
                {
                    _itemStamps[item] = stamp;
                    _candidates.Add(item);
                }
            }
        }

        _candidates.Sort();
        var scores = new (int Index, double Score)[_candidates.Count];
        _lcs.Load(query, _vocabulary.Count);
        try
        {
            for (int i = 0; i < scores.Length; i++)
            {
                int item = _candidates[i];
                ReadOnlySpan<int> tokens = ItemTokens(item);
                scores[i] = (item, RougeL.FMeasure(_lcs.LengthAgainst(tokens), query.Length, tokens.Length));
            }
        }
        finally
        {
            _lcs.Unload();
        }

        return SimilarityRanking.Build(scores, _count, topK, InstructionAt);
    }

    private bool Exceeds(ReadOnlySpan<int> query)
    {
        int m = query.Length;
        if (m == 0 || _count == 0)
        {
            return false;
        }

        double floor = Threshold - PruningMargin;
        (int minLength, int maxLength) = LengthWindow(m, floor);
        int prefix = m - MinOverlap(m, minLength, floor) + 1;

        long[]? rented = null;
        Span<long> order = m <= StackLimit ? stackalloc long[StackLimit] : (rented = ArrayPool<long>.Shared.Rent(m));
        try
        {
            order = order[..m];
            OrderRarestFirst(query, order);
            CollectCandidates(order[..prefix], minLength, maxLength);
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<long>.Shared.Return(rented);
            }
        }

        return VerifyCandidates(query, m - prefix, floor);
    }

    /// <summary>
    /// Sort keys, rarest token first: (document frequency, id), and -1 for tokens the pool has never
    /// seen, which come first because they cost nothing to probe.
    /// </summary>
    private void OrderRarestFirst(ReadOnlySpan<int> query, Span<long> order)
    {
        for (int i = 0; i < query.Length; i++)
        {
            int id = query[i];
            order[i] = id == TokenVocabulary.Unknown ? -1 : ((long)_postingCounts[id] << 32) | (uint)id;
        }

        order.Sort();
    }

    /// <summary>
    /// Reads the posting lists of the prefix tokens, keeping items inside the length window and
    /// counting, per item, how many prefix positions its tokens could account for.
    /// </summary>
    private void CollectCandidates(ReadOnlySpan<long> prefix, int minLength, int maxLength)
    {
        int stamp = NextStamp();
        _candidates.Clear();
        uint lengthSpan = (uint)(maxLength - minLength);
        int[] starts = _tokenStarts;
        for (int i = 0; i < prefix.Length;)
        {
            long key = prefix[i];
            int end = i + 1;
            while (end < prefix.Length && prefix[end] == key)
            {
                end++;
            }

            int positions = end - i;
            i = end;
            if (key < 0)
            {
                continue;
            }

            int token = (int)(key & uint.MaxValue);
            ReadOnlySpan<int> items = _postings[token].AsSpan(0, _postingCounts[token]);
            foreach (int item in items)
            {
                if ((uint)(starts[item + 1] - starts[item] - minLength) > lengthSpan)
                {
                    continue;
                }

                if (_itemStamps[item] != stamp)
                {
                    _itemStamps[item] = stamp;
                    _itemBounds[item] = positions;
                    _candidates.Add(item);
                }
                else
                {
                    _itemBounds[item] += positions;
                }
            }
        }
    }

    private bool VerifyCandidates(ReadOnlySpan<int> query, int positionsAfterPrefix, double floor)
    {
        int m = query.Length;
        _lcs.Load(query, _vocabulary.Count);
        try
        {
            foreach (int item in _candidates)
            {
                ReadOnlySpan<int> tokens = ItemTokens(item);
                int n = tokens.Length;
                int needed = MinOverlap(m, n, floor);
                int overlapBound = Math.Min(_itemBounds[item] + positionsAfterPrefix, Math.Min(m, n));
                if (overlapBound < needed)
                {
                    continue;
                }

                int lcs = _lcs.LengthAgainst(tokens);
                if (lcs >= needed && RougeL.FMeasure(lcs, m, n) > Threshold)
                {
                    return true;
                }
            }

            return false;
        }
        finally
        {
            _lcs.Unload();
        }
    }

    /// <summary>The least LCS with which a query of m tokens and an item of n tokens can reach F above <paramref name="floor"/>.</summary>
    private static int MinOverlap(int m, int n, double floor) => Math.Max(1, (int)Math.Ceiling(floor * (m + n) / 2));

    /// <summary>The item lengths n for which even LCS = min(m, n) can reach F above <paramref name="floor"/>.</summary>
    private static (int Min, int Max) LengthWindow(int m, double floor)
    {
        if (floor <= 0)
        {
            return (1, int.MaxValue - 1);
        }

        int min = Math.Max(1, (int)(floor * m / (2 - floor)) - 1);
        while (MinOverlap(m, min, floor) > Math.Min(m, min))
        {
            min++;
        }

        double upper = Math.Floor(m * (2 - floor) / floor) + 1;
        int max = upper >= int.MaxValue - 1 ? int.MaxValue - 1 : (int)upper;
        while (max > m && MinOverlap(m, max, floor) > m)
        {
            max--;
        }

        return (min, max);
    }

    private bool TokenizeQuery(string text, bool intern)
    {
        _query.Clear();
        var sink = new TokenIdSink(_vocabulary, _query, intern);
        _tokenizer.Tokenize(text, ref sink);
        return sink.SawUnknown;
    }

    private void Append(string instruction, ReadOnlySpan<int> tokens)
    {
        int item = _count;
        EnsureItemCapacity(item + 2);
        EnsureCapacity(ref _tokens, _tokenStarts[item] + tokens.Length);
        EnsureCapacity(ref _text, _textStarts[item] + instruction.Length);
        tokens.CopyTo(_tokens.AsSpan(_tokenStarts[item]));
        _tokenStarts[item + 1] = _tokenStarts[item] + tokens.Length;
        instruction.CopyTo(_text.AsSpan(_textStarts[item]));
        _textStarts[item + 1] = _textStarts[item] + instruction.Length;

        int vocabularySize = _vocabulary.Count;
        if (_postings.Length < vocabularySize)
        {
            int size = Math.Max(vocabularySize, _postings.Length * 2);
            Array.Resize(ref _postings, size);
            Array.Resize(ref _postingCounts, size);
            Array.Resize(ref _tokenLastItem, size);
        }

        foreach (int token in tokens)
        {
            // Stamp with item + 1 so the zeroed array means "no item yet" and each item is listed once per token.
            if (_tokenLastItem[token] == item + 1)
            {
                continue;
            }

            _tokenLastItem[token] = item + 1;
            int[]? list = _postings[token];
            int count = _postingCounts[token];
            if (list is null || list.Length == count)
            {
                Array.Resize(ref list, Math.Max(4, count * 2));
                _postings[token] = list;
            }

            list[count] = item;
            _postingCounts[token] = count + 1;
        }

        _count++;
    }

    private void EnsureItemCapacity(int starts)
    {
        EnsureCapacity(ref _tokenStarts, starts);
        EnsureCapacity(ref _textStarts, starts);
        EnsureCapacity(ref _itemStamps, starts);
        EnsureCapacity(ref _itemBounds, starts);
    }

    private static void EnsureCapacity<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            Array.Resize(ref array, (int)Math.Min(Array.MaxLength, Math.Max(size, array.Length * 2L)));
        }
    }

    private int NextStamp()
    {
        if (_stamp == int.MaxValue)
        {
            Array.Clear(_itemStamps);
            _stamp = 0;
        }

        return ++_stamp;
    }

    private ReadOnlySpan<int> ItemTokens(int item) =>
        _tokens.AsSpan(_tokenStarts[item], _tokenStarts[item + 1] - _tokenStarts[item]);

    private string InstructionAt(int item) =>
        new(_text, _textStarts[item], _textStarts[item + 1] - _textStarts[item]);
}

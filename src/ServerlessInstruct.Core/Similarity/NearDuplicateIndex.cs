using System.Buffers;
using System.Runtime.InteropServices;

namespace ServerlessInstruct.Core.Similarity;

/// <summary>
/// The fast, exact near-duplicate pool: its decisions equal <see cref="BruteForceIndex"/>'s bit for bit.
/// F = 2 LCS / (m + n) and LCS is at most the multiset token overlap, so a pool item can exceed the
/// threshold only with at least k(m, n) shared tokens. The speed comes from bounds built on that,
/// none of which can discard a true near duplicate:
/// <list type="bullet">
/// <item>length: only items whose length n lets even LCS = min(m, n) exceed the threshold are looked at;</item>
/// <item>prefix filtering: with every token sequence sorted by one global order (rarest first), two
/// sequences sharing k tokens share one among the first m - k + 1 of each, so each item indexes only
/// its own prefix and a query probes only its prefix;</item>
/// <item>position: when the first shared token sits at positions i and j, the overlap is at most min(m - i, n - j);</item>
/// <item>the survivors are verified with bit-parallel LCS, stopping at the first item above the threshold.</item>
/// </list>
/// The global order ranks tokens by how many items hold them, recomputed (and the prefixes re-indexed)
/// each time the pool doubles. Items live in shared packed arrays (token ids, text), so a pool of tens of
/// thousands costs a few megabytes and no per-item objects. Not thread-safe.
/// </summary>
public sealed class NearDuplicateIndex : INearDuplicateIndex
{
    // Bounds are compared with the threshold less this margin: far above the few-ulp rounding of a
    // computed F, far below the smallest gap between two distinct F values, so pruning stays exact.
    private const double PruningMargin = 1e-9;
    private const int StackLimit = 256;
    private const int FirstRerankAt = 256;

    private readonly SpanTokenizer _tokenizer;
    private readonly TokenVocabulary _vocabulary = new();
    private readonly TokenOrder _order = new();
    private readonly BitParallelLcs _lcs = new();
    private readonly double _floor;

    // Item i's token ids are _tokens[_tokenStarts[i].._tokenStarts[i + 1]] and its text likewise in _text.
    private int[] _tokens = new int[4096];
    private int[] _tokenStarts = new int[257];
    private char[] _text = new char[16384];
    private int[] _textStarts = new int[257];
    private int _count;
    private int _nextRerankAt = FirstRerankAt;

    // Prefix postings by token id: (item, position of the token in the item's sorted order, item length) triples.
    private int[][] _postings = [];
    private int[] _postingCounts = [];

    // Per-query scratch, reused so that a decision allocates nothing.
    private readonly List<int> _query = [];
    private int[] _itemStamps = new int[256];
    private int _stamp;

    public NearDuplicateIndex(TokenizerKind tokenizer, double threshold = 0.7)
    {
        ThresholdGuard.Validate(threshold);
        _tokenizer = Tokenizers.Resolve(tokenizer);
        Threshold = threshold;
        _floor = threshold - PruningMargin;
    }

    public int Count => _count;

    public double Threshold { get; }

    public void Add(string instruction)
    {
        ArgumentNullException.ThrowIfNull(instruction);
        TokenizeQuery(instruction, intern: true);
        Append(instruction, CollectionsMarshal.AsSpan(_query));
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

    /// <summary>Scores every pool item: one bit-parallel pass per item, about a millisecond for 50,000.</summary>
    public SimilarityReport Explain(string candidate, int topK = 10)
    {
        ArgumentNullException.ThrowIfNull(candidate);
        ArgumentOutOfRangeException.ThrowIfNegative(topK);
        TokenizeQuery(candidate, intern: false);
        ReadOnlySpan<int> query = CollectionsMarshal.AsSpan(_query);

        var ranking = new SimilarityRanking(topK);
        int items = query.IsEmpty ? 0 : _count;
        _lcs.Load(query, _vocabulary.Count);
        try
        {
            for (int item = 0; item < items; item++)
            {
                ReadOnlySpan<int> tokens = ItemTokens(item);
                int lcs = _lcs.LengthAgainst(tokens);
                if (lcs > 0)
                {
                    ranking.Add(item, RougeL.FMeasure(lcs, query.Length, tokens.Length));
                }
            }
        }
        finally
        {
            _lcs.Unload();
        }

        return ranking.ToReport(_count, InstructionAt);
    }

    private bool Exceeds(ReadOnlySpan<int> query)
    {
        int m = query.Length;
        if (m == 0 || _count == 0)
        {
            return false;
        }

        (int minLength, int maxLength) = LengthWindow(m);
        int prefix = m - MinOverlap(m, minLength) + 1;

        long[]? rented = null;
        Span<long> sorted = m <= StackLimit ? stackalloc long[StackLimit] : (rented = ArrayPool<long>.Shared.Rent(m));
        _lcs.Load(query, _vocabulary.Count);
        try
        {
            sorted = sorted[..m];
            SortByOrder(query, sorted);
            return ProbePrefix(sorted, prefix, m, minLength, maxLength);
        }
        finally
        {
            _lcs.Unload();
            if (rented is not null)
            {
                ArrayPool<long>.Shared.Return(rented);
            }
        }
    }

    /// <summary>
    /// Reads the postings of the query's prefix tokens in global order, so an item is first met at its
    /// first token shared with the query; items that pass the length and position bounds there are
    /// verified at once. The LCS masks of the query must be loaded.
    /// </summary>
    private bool ProbePrefix(ReadOnlySpan<long> sorted, int prefix, int m, int minLength, int maxLength)
    {
        int stamp = NextStamp();
        uint lengthSpan = (uint)(maxLength - minLength);
        for (int i = 0; i < prefix;)
        {
            int position = i;
            long entry = sorted[i];
            while (++i < prefix && sorted[i] == entry)
            {
            }

            int token = TokenOf(entry);
            if (token == TokenVocabulary.Unknown)
            {
                continue;
            }

            ReadOnlySpan<int> postings = _postings[token].AsSpan(0, _postingCounts[token] * 3);
            for (int p = 0; p < postings.Length; p += 3)
            {
                int n = postings[p + 2];
                if ((uint)(n - minLength) > lengthSpan)
                {
                    continue;
                }

                int item = postings[p];
                if (_itemStamps[item] == stamp)
                {
                    continue;
                }

                _itemStamps[item] = stamp;
                int needed = MinOverlap(m, n);
                if (Math.Min(m - position, n - postings[p + 1]) < needed)
                {
                    continue;
                }

                int lcs = _lcs.LengthAgainst(ItemTokens(item));
                if (lcs >= needed && RougeL.FMeasure(lcs, m, n) > Threshold)
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>The least LCS with which sequences of m and n tokens can reach an F above the threshold (less the margin).</summary>
    private int MinOverlap(int m, int n) => Math.Max(1, (int)Math.Ceiling(_floor * (m + n) / 2));

    /// <summary>The lengths n for which even LCS = min(m, n) can reach an F above the threshold (less the margin).</summary>
    private (int Min, int Max) LengthWindow(int m)
    {
        if (_floor <= 0)
        {
            return (1, int.MaxValue - 1);
        }

        int min = Math.Max(1, (int)(_floor * m / (2 - _floor)) - 1);
        while (MinOverlap(m, min) > Math.Min(m, min))
        {
            min++;
        }

        double upper = Math.Floor(m * (2 - _floor) / _floor) + 1;
        int max = upper >= int.MaxValue - 1 ? int.MaxValue - 1 : (int)upper;
        while (max > m && MinOverlap(m, max) > m)
        {
            max--;
        }

        return (min, max);
    }

    /// <summary>Sorts (order key, token) pairs so the rarest tokens come first and repeats of a token sit together.</summary>
    private void SortByOrder(ReadOnlySpan<int> tokens, Span<long> sorted)
    {
        for (int i = 0; i < tokens.Length; i++)
        {
            sorted[i] = ((long)_order.KeyOf(tokens[i]) << 32) | (uint)tokens[i];
        }

        sorted.Sort();
    }

    private static int TokenOf(long sortedEntry) => (int)(sortedEntry & uint.MaxValue);

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
        EnsureCapacity(ref _tokenStarts, item + 2);
        EnsureCapacity(ref _textStarts, item + 2);
        EnsureCapacity(ref _itemStamps, item + 1);
        EnsureCapacity(ref _tokens, _tokenStarts[item] + tokens.Length);
        EnsureCapacity(ref _text, _textStarts[item] + instruction.Length);
        tokens.CopyTo(_tokens.AsSpan(_tokenStarts[item]));
        _tokenStarts[item + 1] = _tokenStarts[item] + tokens.Length;
        instruction.CopyTo(_text.AsSpan(_textStarts[item]));
        _textStarts[item + 1] = _textStarts[item] + instruction.Length;
        _count++;

        int vocabularySize = _vocabulary.Count;
        if (_postings.Length < vocabularySize)
        {
            int size = Math.Max(vocabularySize, _postings.Length * 2);
            Array.Resize(ref _postings, size);
            Array.Resize(ref _postingCounts, size);
        }

        _order.Register(tokens, item, vocabularySize);
        if (_count >= _nextRerankAt)
        {
            // Token frequencies drift as the pool grows; a fresh order keeps the prefixes made of rare tokens.
            _order.Rerank();
            Array.Clear(_postingCounts);
            for (int i = 0; i < _count; i++)
            {
                IndexPrefix(i);
            }

            _nextRerankAt = _count * 2;
        }
        else
        {
            IndexPrefix(item);
        }
    }

    /// <summary>
    /// Lists the item under each token of its prefix: n - k + 1 tokens in global order, k being the least
    /// overlap it needs with a query of any length.
    /// </summary>
    private void IndexPrefix(int item)
    {
        ReadOnlySpan<int> tokens = ItemTokens(item);
        int n = tokens.Length;
        if (n == 0)
        {
            return;
        }

        int prefix = n - MinOverlap(LengthWindow(n).Min, n) + 1;
        long[]? rented = null;
        Span<long> sorted = n <= StackLimit ? stackalloc long[StackLimit] : (rented = ArrayPool<long>.Shared.Rent(n));
        try
        {
            sorted = sorted[..n];
            SortByOrder(tokens, sorted);
            for (int j = 0; j < prefix; j++)
            {
                if (j > 0 && sorted[j] == sorted[j - 1])
                {
                    continue;
                }

                int token = TokenOf(sorted[j]);
                int[]? postings = _postings[token];
                int count = _postingCounts[token];
                if (postings is null || postings.Length < (count + 1) * 3)
                {
                    Array.Resize(ref postings, Math.Max(12, count * 6));
                    _postings[token] = postings;
                }

                postings[count * 3] = item;
                postings[(count * 3) + 1] = j;
                postings[(count * 3) + 2] = n;
                _postingCounts[token] = count + 1;
            }
        }
        finally
        {
            if (rented is not null)
            {
                ArrayPool<long>.Shared.Return(rented);
            }
        }
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

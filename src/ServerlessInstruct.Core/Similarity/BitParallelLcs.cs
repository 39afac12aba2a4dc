using System.Numerics;

namespace ServerlessInstruct.Core.Similarity;

/// <summary>
/// LCS length of one query against many token sequences in O(ceil(m/64) * n) word operations, using the
/// bit-vector recurrence of Allison and Dix in Hyyro's form: V starts all ones, each item token y updates
/// V to (V + (V &amp; M[y])) | (V &amp; ~M[y]) where M[y] marks the query positions holding y, and the LCS
/// is the number of zero bits among the query's m positions. Load a query, score items, then Unload.
/// </summary>
internal sealed class BitParallelLcs
{
    private readonly List<int> _loadedTokens = [];

    // Queries of up to 64 tokens: one mask word per token id, zero for tokens absent from the query.
    private ulong[] _wordMasks = [];

    // Longer queries: per token id, 1 + the slot of its mask blocks (0 when absent from the query).
    private int[] _slots = [];
    private ulong[] _blockMasks = [];
    private ulong[] _vector = [];

    private int _length;
    private int _words;

    public void Load(ReadOnlySpan<int> query, int vocabularySize)
    {
        _length = query.Length;
        _words = (query.Length + 63) >> 6;
        if (_words <= 1)
        {
            Grow(ref _wordMasks, vocabularySize);
            for (int i = 0; i < query.Length; i++)
            {
                int id = query[i];
                if (id == TokenVocabulary.Unknown)
                {
                    continue;
                }

                if (_wordMasks[id] == 0)
                {
                    _loadedTokens.Add(id);
                }

                _wordMasks[id] |= 1UL << i;
            }

            return;
        }

        Grow(ref _slots, vocabularySize);
        Grow(ref _vector, _words);
        for (int i = 0; i < query.Length; i++)
        {
            int id = query[i];
            if (id == TokenVocabulary.Unknown)
            {
                continue;
            }

            int slot = _slots[id];
            if (slot == 0)
            {
                _loadedTokens.Add(id);
                slot = _slots[id] = _loadedTokens.Count;
                Grow(ref _blockMasks, slot * _words);
                _blockMasks.AsSpan((slot - 1) * _words, _words).Clear();
            }

            _blockMasks[((slot - 1) * _words) + (i >> 6)] |= 1UL << (i & 63);
        }
    }

    public void Unload()
    {
        bool singleWord = _words <= 1;
        foreach (int id in _loadedTokens)
        {
            if (singleWord)
            {
                _wordMasks[id] = 0;
            }
            else
            {
                _slots[id] = 0;
            }
        }

        _loadedTokens.Clear();
    }

    /// <summary>LCS length of the loaded query and <paramref name="item"/>, whose ids must all be known to the vocabulary.</summary>
    public int LengthAgainst(ReadOnlySpan<int> item)
    {
        if (_length == 0)
        {
            return 0;
        }

        return _words == 1 ? SingleWord(item) : MultiWord(item);
    }

    private int SingleWord(ReadOnlySpan<int> item)
    {
        ulong[] masks = _wordMasks;
        ulong vector = ulong.MaxValue;
        foreach (int id in item)
        {
            ulong matched = vector & masks[id];
            vector = (vector + matched) | (vector - matched);
        }

        ulong live = _length == 64 ? ulong.MaxValue : (1UL << _length) - 1;
        return _length - BitOperations.PopCount(vector & live);
    }

    private int MultiWord(ReadOnlySpan<int> item)
    {
        int words = _words;
        Span<ulong> vector = _vector.AsSpan(0, words);
        vector.Fill(ulong.MaxValue);
        foreach (int id in item)
        {
            int slot = _slots[id];
            if (slot == 0)
            {
                // No query position matches: the update leaves V unchanged.
                continue;
            }

            ReadOnlySpan<ulong> masks = _blockMasks.AsSpan((slot - 1) * words, words);
            ulong carry = 0;
            for (int w = 0; w < words; w++)
            {
                ulong v = vector[w];
                ulong matched = v & masks[w];
                ulong sum = v + matched;
                ulong carried = sum + carry;
                carry = (sum < v || carried < sum) ? 1UL : 0UL;
                vector[w] = carried | (v - matched);
            }
        }

        int ones = 0;
        for (int w = 0; w < words - 1; w++)
        {
            ones += BitOperations.PopCount(vector[w]);
        }

        int tail = _length - ((words - 1) * 64);
        ulong live = tail == 64 ? ulong.MaxValue : (1UL << tail) - 1;
        ones += BitOperations.PopCount(vector[words - 1] & live);
        return _length - ones;
    }

    private static void Grow<T>(ref T[] array, int size)
    {
        if (array.Length < size)
        {
            Array.Resize(ref array, Math.Max(size, array.Length * 2));
        }
    }
}

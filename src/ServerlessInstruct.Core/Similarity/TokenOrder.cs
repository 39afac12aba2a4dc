namespace ServerlessInstruct.Core.Similarity;

/// <summary>
/// A total order on token ids, rarest first, that queries and indexed items share: prefix filtering
/// is exact for any fixed order, and fast when rare tokens come first. An order key never changes
/// until <see cref="Rerank"/>, after which the caller must re-index every item.
/// </summary>
internal sealed class TokenOrder
{
    /// <summary>The key of a token the pool has never seen; it sorts before every known token.</summary>
    public const int UnknownKey = int.MinValue;

    private int[] _keys = [];
    private int[] _frequencies = [];
    private int[] _lastItem = [];
    private int _registered;

    // Tokens first seen since the last rerank are (so far) the rarest: they take keys below every
    // ranked token, each newer one below the last.
    private int _nextNewKey = -1;

    public int KeyOf(int token) => token == TokenVocabulary.Unknown ? UnknownKey : _keys[token];

    /// <summary>Counts the tokens of pool item <paramref name="item"/> (each once), giving a key to tokens seen for the first time.</summary>
    public void Register(ReadOnlySpan<int> tokens, int item, int vocabularySize)
    {
        if (_keys.Length < vocabularySize)
        {
            int size = Math.Max(vocabularySize, _keys.Length * 2);
            Array.Resize(ref _keys, size);
            Array.Resize(ref _frequencies, size);
            Array.Resize(ref _lastItem, size);
        }

        foreach (int token in tokens)
        {
            // item + 1, so that the zeroed array means "in no item yet".
            if (_lastItem[token] == item + 1)
            {
                continue;
            }

            _lastItem[token] = item + 1;
            if (_frequencies[token]++ == 0)
            {
                _keys[token] = _nextNewKey--;
                _registered++;
            }
        }
    }

    /// <summary>Re-keys every registered token by how many items hold it, rarest first, ties by id.</summary>
    public void Rerank()
    {
        var order = new long[_registered];
        for (int token = 0, next = 0; next < order.Length; token++)
        {
            if (_frequencies[token] > 0)
            {
                order[next++] = ((long)_frequencies[token] << 32) | (uint)token;
            }
        }

        Array.Sort(order);
        for (int rank = 0; rank < order.Length; rank++)
        {
            _keys[(int)(order[rank] & uint.MaxValue)] = rank;
        }

        _nextNewKey = -1;
    }
}

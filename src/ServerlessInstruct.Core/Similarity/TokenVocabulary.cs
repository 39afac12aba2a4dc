namespace ServerlessInstruct.Core.Similarity;

/// <summary>Interns token text to dense ids so an index stores and compares integers, never strings.</summary>
internal sealed class TokenVocabulary
{
    /// <summary>The id of a token the vocabulary has never seen: it matches nothing in the pool.</summary>
    public const int Unknown = -1;

    private readonly Dictionary<string, int> _ids = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int>.AlternateLookup<ReadOnlySpan<char>> _lookup;

    public TokenVocabulary() => _lookup = _ids.GetAlternateLookup<ReadOnlySpan<char>>();

    public int Count => _ids.Count;

    public int GetOrAdd(ReadOnlySpan<char> token)
    {
        if (!_lookup.TryGetValue(token, out int id))
        {
            id = _ids.Count;
            _lookup[token] = id;
        }

        return id;
    }

    public int Find(ReadOnlySpan<char> token) => _lookup.TryGetValue(token, out int id) ? id : Unknown;
}

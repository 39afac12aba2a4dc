namespace ServerlessInstruct.Core.Similarity;

/// <summary>
/// Turns tokens into vocabulary ids. A query looks tokens up without interning them, so rejected
/// candidates never grow the vocabulary; <see cref="SawUnknown"/> says whether it met a new token.
/// </summary>
internal struct TokenIdSink(TokenVocabulary vocabulary, List<int> ids, bool intern) : ITokenSink
{
    public bool SawUnknown { get; private set; }

    public void Accept(ReadOnlySpan<char> token)
    {
        int id = intern ? vocabulary.GetOrAdd(token) : vocabulary.Find(token);
        SawUnknown |= id == TokenVocabulary.Unknown;
        ids.Add(id);
    }
}

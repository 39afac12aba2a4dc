namespace ServerlessInstruct.Core.Similarity;

/// <summary>Receives tokens as spans so callers can intern them without allocating a string per token.</summary>
internal interface ITokenSink
{
    void Accept(ReadOnlySpan<char> token);
}

/// <summary>
/// Base of the built-in tokenizers: one span-based pass serves both the public string API and the
/// near-duplicate index, which interns tokens straight into ids.
/// </summary>
internal abstract class SpanTokenizer : ITokenizer
{
    public string[] Tokenize(string text)
    {
        var sink = new StringCollectingSink([]);
        Tokenize(text, ref sink);
        return [.. sink.Tokens];
    }

    public abstract void Tokenize<TSink>(string text, ref TSink sink)
        where TSink : struct, ITokenSink;

    /// <summary>Hands the token gathered in <paramref name="buffer"/> to the sink, if any, and starts a new one.</summary>
    protected static void Flush<TSink>(Span<char> buffer, ref int length, ref TSink sink)
        where TSink : struct, ITokenSink
    {
        if (length > 0)
        {
            sink.Accept(buffer[..length]);
            length = 0;
        }
    }

    private readonly record struct StringCollectingSink(List<string> Tokens) : ITokenSink
    {
        public void Accept(ReadOnlySpan<char> token) => Tokens.Add(token.ToString());
    }
}
